package io.authwatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one reader of JSON path policies: {@code policy apply}'s files and the built-in default. */
class PolicyFileTest {

    /** The example operators deploy, relative to this module. */
    private static final Path DEPLOYED = Path.of("..", "deploy", "policies", "platform-default.json");

    @Test
    void shouldReadAWellFormedPolicy() {
        // Given a policy with two rules, one with a note
        final String json = """
                {"appId": "wx0001", "version": 7, "rules": [
                  {"pattern": "pages/goods/**", "category": "PRODUCT", "note": "goods"},
                  {"pattern": "**/login/*", "category": "ACCOUNT"}]}""";

        // When it is parsed
        final AppPathPolicy policy = PolicyFile.parse(json, "test.json");

        // Then every field is kept in order
        assertThat(policy.getAppId()).isEqualTo("wx0001");
        assertThat(policy.getVersion()).isEqualTo(7L);
        assertThat(policy.getRules()).extracting(PathRule::getPattern).containsExactly("pages/goods/**", "**/login/*");
        assertThat(policy.getRules().get(0).getNote()).isEqualTo("goods");
        assertThat(policy.getRules().get(1).getCategory()).isEqualTo(PathCategory.ACCOUNT);
    }

    @Test
    void shouldReadTheShippedPlatformPolicy() {
        final AppPathPolicy policy = PolicyFile.read(Path.of("../deploy/policies/platform-default.json"));

        assertThat(policy.getAppId()).isEqualTo("*");
        assertThat(policy.getRules()).isNotEmpty();
    }

    @Test
    void shouldNameTheRuleIndexPatternAndCategoryOfABadRule() {
        final String json = """
                {"appId": "*", "version": 1, "rules": [
                  {"pattern": "pages/index/**", "category": "ENTRY_HOME"},
                  {"pattern": "pages/shop/**", "category": "SHOPPING"}]}""";

        assertThatThrownBy(() -> PolicyFile.parse(json, "p.json"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("rules[1] (pattern 'pages/shop/**')")
                .hasMessageContaining("\"SHOPPING\" is not one of");
    }

    @Test
    void shouldRejectAnInvalidGlobNamingIt() {
        final String json = """
                {"appId": "*", "version": 1, "rules": [
                  {"pattern": "pages//goods", "category": "PRODUCT"},
                  {"pattern": "pages/[a-z]/x", "category": "PRODUCT"}]}""";

        assertThatThrownBy(() -> PolicyFile.parse(json, "p.json"))
                .hasMessageContaining("rules[0] (pattern 'pages//goods'): invalid glob")
                .hasMessageContaining("rules[1] (pattern 'pages/[a-z]/x'): invalid glob")
                .hasMessageContaining("2 problem(s)");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        final String json = """
                {"appId": "", "version": -1, "owner": "ops", "rules": [
                  {"pattern": "a/**", "category": "BROWSE", "priority": 1},
                  {"pattern": "a/**", "category": "PRODUCT"},
                  {"category": "CONTENT"}]}""";

        assertThatThrownBy(() -> PolicyFile.parse(json, "p.json"))
                .hasMessageContaining("unknown field 'owner'")
                .hasMessageContaining("appId: must be a non-empty string")
                .hasMessageContaining("version: must be a whole number >= 0")
                .hasMessageContaining("rules[0] (pattern 'a/**'): unknown field 'priority'")
                .hasMessageContaining("rules[1] (pattern 'a/**'): repeats rules[0]")
                .hasMessageContaining("rules[2].pattern: must be a non-empty string (missing)");
    }

    @Test
    void shouldSayWhereJsonIsBroken() {
        assertThatThrownBy(() -> PolicyFile.parse("{\"appId\": \"*\",\n \"version\": 1 \"rules\": []}", "p.json"))
                .hasMessageContaining("p.json: not valid JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void shouldNameAMissingFile() throws IOException {
        assertThatThrownBy(() -> PolicyFile.read(Path.of("no-such-policy.json")))
                .hasMessageContaining("no-such-policy.json: no such file");
    }

    @Test
    void shouldReadAPolicyShapedLikeAppPathPolicy() {
        final AppPathPolicy policy = PolicyFile.parse("""
                {"appId": "app-1", "version": 3, "rules": [
                  {"pattern": "pages/promo/**", "category": "BROWSE", "note": "promotions"},
                  {"pattern": "**/vip/**", "category": "MEMBERSHIP"}]}
                """, "app-1.json");

        assertThat(policy.getAppId()).isEqualTo("app-1");
        assertThat(policy.getVersion()).isEqualTo(3);
        assertThat(policy.getRules()).extracting(PathRule::getPattern, PathRule::getCategory, PathRule::getNote)
                .containsExactly(tuple("pages/promo/**", PathCategory.BROWSE, "promotions"),
                        tuple("**/vip/**", PathCategory.MEMBERSHIP, null));
    }

    @Test
    void shouldRejectBadPoliciesNamingWhere() {
        assertThatThrownBy(() -> parse("{\"appId\":\"a\",\"version\":1,\"rules\":[{\"pattern\":\"a/***\",\"category\":\"BROWSE\"}]}"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("rules[0]").hasMessageContaining("***");
        assertThatThrownBy(() -> parse("{\"appId\":\"a\",\"version\":1,\"rules\":[{\"pattern\":\"a\",\"category\":\"SHOP\"}]}"))
                .hasMessageContaining("rules[0] (pattern 'a'): category \"SHOP\" is not one of");
        assertThatThrownBy(() -> parse("{\"appId\":\"\",\"version\":1,\"rules\":[]}")).hasMessageContaining("appId");
        assertThatThrownBy(() -> parse("{\"appId\":\"a\",\"version\":-1,\"rules\":[]}")).hasMessageContaining("version");
        assertThatThrownBy(() -> parse("{\"appId\":\"a\",\"version\":1,\"rules\":[],\"extra\":1}"))
                .hasMessageContaining("unknown field 'extra'");
    }

    @Test
    void shouldTakeTheCategoryOnlyAsTheSchemaSpellsIt() {
        // Given a category in lower case, which no Avro reader of AppPathPolicy would accept
        final String json = """
                {"appId": "app-1", "version": 3, "rules": [{"pattern": "**/vip/**", "category": "membership"}]}""";

        // Then it is refused, naming the rule and the symbols allowed
        assertThatThrownBy(() -> PolicyFile.parse(json, "p.json"))
                .hasMessageContaining("rules[0] (pattern '**/vip/**'): category \"membership\" is not one of")
                .hasMessageContaining("MEMBERSHIP");
    }

    @Test
    void shouldTakeOnlyAWholeNumberVersionAndAStringNote() {
        assertThatThrownBy(() -> parse("{\"appId\":\"a\",\"version\":3.0,\"rules\":[]}"))
                .hasMessageContaining("version: must be a whole number >= 0, got 3.0");
        assertThatThrownBy(() -> parse("{\"appId\":\"a\",\"version\":1,\"rules\":[{\"pattern\":\"a\",\"category\":\"BROWSE\",\"note\":7}]}"))
                .hasMessageContaining("rules[0] (pattern 'a'): note must be a string or null");
    }

    @Test
    void shouldShipTheDeployedPlatformDefaultAsTheBuiltInDefault() {
        final AppPathPolicy deployed = PolicyFile.read(DEPLOYED);
        final AppPathPolicy builtIn = PlatformDefaultPolicy.builtIn();

        assertThat(deployed.getAppId()).isEqualTo("*");
        assertThat(builtIn.getVersion()).isZero();
        assertThat(builtIn.getRules()).isEqualTo(deployed.getRules());
    }

    private static AppPathPolicy parse(String json) {
        return PolicyFile.parse(json, "p.json");
    }
}
