package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathCategory;
import io.authwatch.policy.PathRule;
import io.authwatch.runtime.DlqExceptionHandler;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.util.Arrays;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The path policy from the policy topic: app rules first, then the platform default, hot-reloaded. */
class PolicyHotReloadTest {

    private static final String HOME = "pages/index/index";
    private static final String PROMO = "pages/promo/spring";

    @RegisterExtension
    final DetectionDriver driver = DetectionDriver.perTest(productionHandlers());

    /** The production exception handler: a refused policy is dead-lettered, not fatal. */
    private static Properties productionHandlers() {
        final Properties handlers = new Properties();
        handlers.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqExceptionHandler.class);
        return handlers;
    }

    private static AppPathPolicy policy(String appId, long version, PathRule... rules) {
        return AppPathPolicy.newBuilder().setAppId(appId).setVersion(version).setRules(Arrays.asList(rules)).build();
    }

    private static PathRule rule(String pattern, PathCategory category) {
        return PathRule.newBuilder().setPattern(pattern).setCategory(category).build();
    }

    private static Telemetry blockedToward(String sessionId, String target) {
        return Telemetry.session("app-1", "user-1", sessionId).launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, ACTION, target, true).grant("p1");
    }

    @Test
    void shouldApplyPolicyUpdateToPromptsEvaluatedAfterIt() {
        // Given the app's policy says promotions need an account
        driver.policy(policy("app-1", 7, rule("pages/promo/**", PathCategory.ACCOUNT)));
        driver.pipe(blockedToward("s1", PROMO));
        assertThat(driver.violations()).isEmpty();

        // When ops reclassify promotions as browsing, and the user meets the same prompt again
        driver.policy(policy("app-1", 8, rule("pages/promo/**", PathCategory.BROWSE)));
        driver.pipe(blockedToward("s2", PROMO));

        // Then the later prompt is a violation decided by version 8
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.getSessionId()).isEqualTo("s2");
            assertThat(v.getCategory()).isEqualTo(PathCategory.BROWSE);
            assertThat(v.getPolicyVersion()).isEqualTo(8);
        });
    }

    @Test
    void shouldPreferAppRulesOverThePlatformDefault() {
        // Given the built-in default calls goods PRODUCT, but this app says its goods need delivery details
        driver.policy(policy("app-1", 3, rule("pages/goods/**", PathCategory.DELIVERY)));

        // When
        driver.pipe(blockedToward("s1", "pages/goods/detail"));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldRecordTheVersionOfThePolicyWhoseRuleMatched() {
        // Given an app policy that does not cover goods, over the platform default published as version 5
        driver.policy(policy("app-1", 3, rule("pages/promo/**", PathCategory.ACCOUNT)));
        driver.policy(policy("*", 5, rule("**/goods/**", PathCategory.PRODUCT)));

        // When
        driver.pipe(blockedToward("s1", "pages/goods/detail"));

        // Then the platform default decided
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getCategory()).isEqualTo(PathCategory.PRODUCT);
            assertThat(v.getPolicyVersion()).isEqualTo(5);
        });
    }

    @Test
    void shouldRecordTheAppsVersionWhenNoRuleMatched() {
        // Given
        driver.policy(policy("app-1", 3, rule("pages/promo/**", PathCategory.ACCOUNT)));
        driver.policy(policy("*", 5, rule("**/goods/**", PathCategory.PRODUCT)));

        // When
        driver.pipe(blockedToward("s1", "pages/about/us"));

        // Then
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getCategory()).isEqualTo(PathCategory.UNCLASSIFIED);
            assertThat(v.getConfidence()).isEqualTo(Confidence.NEEDS_REVIEW);
            assertThat(v.getPolicyVersion()).isEqualTo(3);
        });
    }

    @Test
    void shouldRecordThePlatformVersionWhenNoRuleMatchedAndTheAppHasNoPolicy() {
        driver.policy(policy("*", 5, rule("**/goods/**", PathCategory.PRODUCT)));

        driver.pipe(blockedToward("s1", "pages/about/us"));

        assertThat(driver.violations()).extracting(Violation::getPolicyVersion).containsExactly(5L);
    }

    @Test
    void shouldReplaceTheBuiltInDefaultWithAPublishedOne() {
        // Given a published platform default that knows nothing about goods
        driver.policy(policy("*", 2, rule("**/login/**", PathCategory.ACCOUNT)));

        // When
        driver.pipe(blockedToward("s1", "pages/goods/detail"));

        // Then the built-in rules no longer apply
        assertThat(driver.violations()).singleElement()
                .satisfies(v -> assertThat(v.getCategory()).isEqualTo(PathCategory.UNCLASSIFIED));
    }

    @Test
    void shouldRefuseAPolicyWithAnInvalidRuleAsAWholeAndKeepThePreviousOne() {
        // Given the app's policy version 3 says promotions are content
        driver.policy(policy("app-1", 3, rule("pages/promo/**", PathCategory.CONTENT)));

        // When version 4 arrives with a first rule that is not a valid glob, then the same prompt is met
        driver.policy(policy("app-1", 4, rule("pages/***", PathCategory.ACCOUNT),
                rule("pages/promo/**", PathCategory.BROWSE)));
        driver.pipe(blockedToward("s1", PROMO));

        // Then version 4 was refused as a whole (as `policy apply` would) and version 3 still decides
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getCategory()).isEqualTo(PathCategory.CONTENT);
            assertThat(v.getPolicyVersion()).isEqualTo(3);
        });
    }

    @Test
    void shouldRemoveAnAppsPolicyOnATombstone() {
        // Given the app's own policy calls promotions an account page
        driver.policy(policy("app-1", 3, rule("pages/promo/**", PathCategory.ACCOUNT)));

        // When ops delete it (a tombstone on the compacted topic)
        driver.driver().createInputTopic(driver.topics().policy().name(),
                        org.apache.kafka.common.serialization.Serdes.String().serializer(),
                        driver.topics().policy().valueSerde().serializer())
                .pipeInput("app-1", null, driver.wallClock());
        driver.pipe(blockedToward("s1", PROMO));

        // Then the built-in default decides again (promotions are not classified there)
        assertThat(driver.violations()).singleElement()
                .satisfies(v -> assertThat(v.getPolicyVersion()).isZero());
    }
}
