package io.authwatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {

    /** The example operators deploy, relative to this module. */
    private static final Path DEPLOYED = Path.of("..", "deploy", "policies", "platform-default.json");

    @Test
    void shouldReadAPolicyShapedLikeAppPathPolicy() throws Exception {
        final AppPathPolicy policy = PolicyJson.read("""
                {"appId": "app-1", "version": 3, "rules": [
                  {"pattern": "pages/promo/**", "category": "BROWSE", "note": "promotions"},
                  {"pattern": "**/vip/**", "category": "membership"}]}
                """);

        assertThat(policy.getAppId()).isEqualTo("app-1");
        assertThat(policy.getVersion()).isEqualTo(3);
        assertThat(policy.getRules()).extracting(PathRule::getPattern, PathRule::getCategory, PathRule::getNote)
                .containsExactly(org.assertj.core.api.Assertions.tuple("pages/promo/**", PathCategory.BROWSE, "promotions"),
                        org.assertj.core.api.Assertions.tuple("**/vip/**", PathCategory.MEMBERSHIP, null));
    }

    @Test
    void shouldRejectBadPoliciesNamingWhere() {
        assertThatThrownBy(() -> PolicyJson.read("{\"appId\":\"a\",\"version\":1,\"rules\":[{\"pattern\":\"a/***\",\"category\":\"BROWSE\"}]}"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("rules[0]").hasMessageContaining("***");
        assertThatThrownBy(() -> PolicyJson.read("{\"appId\":\"a\",\"version\":1,\"rules\":[{\"pattern\":\"a\",\"category\":\"SHOP\"}]}"))
                .hasMessageContaining("unknown category 'SHOP'");
        assertThatThrownBy(() -> PolicyJson.read("{\"appId\":\"\",\"version\":1,\"rules\":[]}")).hasMessageContaining("appId");
        assertThatThrownBy(() -> PolicyJson.read("{\"appId\":\"a\",\"version\":-1,\"rules\":[]}")).hasMessageContaining("version");
        assertThatThrownBy(() -> PolicyJson.read("{\"appId\":\"a\",\"version\":1,\"rules\":[],\"extra\":1}"))
                .hasMessageContaining("unknown field 'extra'");
    }

    @Test
    void shouldShipTheDeployedPlatformDefaultAsTheBuiltInDefault() throws Exception {
        final AppPathPolicy deployed;
        try (InputStream in = Files.newInputStream(DEPLOYED)) {
            deployed = PolicyJson.read(in);
        }
        final AppPathPolicy builtIn = PlatformDefaultPolicy.builtIn();

        assertThat(deployed.getAppId()).isEqualTo("*");
        assertThat(builtIn.getVersion()).isZero();
        assertThat(builtIn.getRules()).isEqualTo(deployed.getRules());
    }
}
