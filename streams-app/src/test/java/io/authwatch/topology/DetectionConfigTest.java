package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.registry.MockSchemaRegistry;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection keys of CONTRACT.md sections 2, 4 and 7 change what the topology does when set:
 * each test runs a scenario with a non-default value and shows the difference from the default.
 */
class DetectionConfigTest {

    private static final String HOME = "pages/index/index";
    private static final String SECTION = "pages/category/list";
    private static final String GOODS = "pages/goods/detail";

    @TempDir
    Path stateDir;

    @Test
    void shouldReadAndWriteTheConfiguredTopicNames() {
        // Given every topic renamed
        final Map<String, String> topics = Map.of("topic.telemetry", "in.telemetry", "topic.policy", "in.policy",
                "topic.violations", "out.violations", "topic.enforcement", "out.enforcement");
        try (DetectionDriver driver = new DetectionDriver(stateDir, topics, new Properties())) {
            // When a first-screen prompt is sent to the renamed telemetry topic
            driver.pipe(Telemetry.session("wx-topics", "user-1", "s1").launch(HOME).page(HOME)
                    .prompt("p1", HOME, PAGE_LOAD));

            // Then the violation is on the renamed violations topic, and only renamed topics are used
            assertThat(driver.violations()).extracting(Violation::getRule).containsExactly(RuleId.FIRST_SCREEN_PROMPT);
            assertThat(driver.topics().telemetry().name()).isEqualTo("in.telemetry");
            assertThat(driver.driver().producedTopicNames()).contains("out.violations")
                    .noneMatch(t -> t.startsWith("miniapp.") || t.startsWith("authwatch.violations"));
            assertThat(MockSchemaRegistry.forScope(scopeOf(driver)).getLatest("out.violations-value").id())
                    .isPositive();
        }
    }

    @Test
    void shouldJudgeForcednessOverTheConfiguredForcedWindow() {
        // Given a refused section and a redirect 20 s after the refusal
        final Telemetry visit = Telemetry.session("wx-window", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, ACTION, null, false).deny("p1").after(Duration.ofSeconds(20)).page(GOODS)
                .after(Duration.ofSeconds(60)).tap(GOODS);

        // Then with the default 30 s window the redirect shows the user was kept out (rule 2)
        assertThat(rules(Map.of(), visit)).containsExactly(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
        // but with a 10 s window the redirect came too late to count
        assertThat(rules(Map.of("rule.forced-window", "PT10S"), visit)).isEmpty();
    }

    @Test
    void shouldWaitTheConfiguredSessionQuietTimeBeforeDecidingWithTheEventsSeen() {
        // Given session-quiet PT2M, and a refused section followed by one event and silence
        try (DetectionDriver driver = new DetectionDriver(stateDir, Map.of("rule.session-quiet", "PT2M"),
                new Properties())) {
            driver.pipe(Telemetry.session("wx-quiet", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                    .prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1").page(HOME));

            // When 90 s of wall-clock time pass (the default of 30 s would have decided by now)
            driver.advanceWallClock(Duration.ofSeconds(90));
            assertThat(driver.violations()).isEmpty();

            // Then after two minutes and a sweep, it is decided
            driver.advanceWallClock(Duration.ofSeconds(40));
            assertThat(driver.violations()).extracting(Violation::getRule)
                    .containsExactly(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
        }
    }

    @Test
    void shouldLookForQuietSessionsAtTheConfiguredSweepInterval() {
        // Given an idle sweep every 2 minutes, and a refused section followed by one event and silence
        try (DetectionDriver driver = new DetectionDriver(stateDir, Map.of("rule.idle-sweep", "PT2M"),
                new Properties())) {
            driver.pipe(Telemetry.session("wx-sweep", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                    .prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1").page(HOME));

            // When the session has been quiet for 30 s, but no sweep has run yet
            driver.advanceWallClock(Duration.ofSeconds(60));
            assertThat(driver.violations()).isEmpty();

            // Then the first sweep decides it
            driver.advanceWallClock(Duration.ofSeconds(70));
            assertThat(driver.violations()).extracting(Violation::getRule)
                    .containsExactly(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
        }
    }

    @Test
    void shouldCountRefusalsForTheConfiguredCooldown() {
        // Given a refusal, and a prompt again when the user re-opens the app three hours later
        final Telemetry refused = Telemetry.session("wx-cooldown", "user-1", "s1")
                .at(Telemetry.T0.minus(Duration.ofHours(3))).launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1").page(SECTION);
        final Telemetry reopened = Telemetry.session("wx-cooldown", "user-1", "s2").launch(HOME).page(HOME).tap(HOME)
                .prompt("p2", HOME, NAVIGATION, SECTION, false).grant("p2").page(SECTION);

        // Then rule 4 within the default 48 h, but not with a cooldown of two hours
        assertThat(rules(Map.of(), refused, reopened)).containsExactly(RuleId.REPROMPT_AFTER_DENIAL);
        assertThat(rules(Map.of("rule.reprompt.cooldown", "PT2H"), refused, reopened)).isEmpty();
    }

    @Test
    void shouldRekeyRecordsThatHaveNoKeyWhenAskedTo() {
        // Given input.rekey=true and a producer that sends no key at all
        try (DetectionDriver driver = new DetectionDriver(stateDir, Map.of("input.rekey", "true"), new Properties())) {
            // When a first-screen prompt arrives without keys
            Telemetry.session("wx-nokey", "user-1", "s1").launch(HOME).page(HOME).prompt("p1", HOME, PAGE_LOAD)
                    .events().forEach(e -> driver.pipe(null, e));

            // Then it is evaluated under appId:userId, and the violation is keyed by appId
            assertThat(driver.violationsByKey()).containsOnlyKeys("wx-nokey")
                    .extractingByKey("wx-nokey").extracting(Violation::getRule).isEqualTo(RuleId.FIRST_SCREEN_PROMPT);
        }
    }

    private List<RuleId> rules(Map<String, String> config, Telemetry... sessions) {
        final Path dir = stateDir.resolve("run-" + System.nanoTime());
        try (DetectionDriver driver = new DetectionDriver(dir, config, new Properties())) {
            driver.pipe(sessions);
            driver.advanceWallClock(Duration.ofMinutes(5));
            return driver.violations().stream().map(Violation::getRule).toList();
        }
    }

    private static String scopeOf(DetectionDriver driver) {
        return driver.config().string("schema.registry.url").substring("mock://".length());
    }
}
