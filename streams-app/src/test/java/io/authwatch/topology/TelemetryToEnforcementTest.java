package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.violation.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT.md section 5 through the whole topology: telemetry in, violations and an enforcement
 * action out, with the counts, window and times the contract defines.
 */
class TelemetryToEnforcementTest {

    private static final String APP = "wx-whole";
    private static final String HOME = "pages/index/index";
    /** Shanghai midnight before {@link Telemetry#T0} (10:00 in Shanghai), and the next. */
    private static final Instant DAY_START = Instant.parse("2025-02-28T16:00:00Z");
    private static final Instant DAY_END = Instant.parse("2025-03-01T16:00:00Z");

    @TempDir
    Path firstDir;
    @TempDir
    Path secondDir;

    /** Seven users open the app a minute apart; the first six get a phone popup on the home page. */
    private static List<Telemetry> input() {
        return IntStream.range(0, 7).mapToObj(i -> {
            final Telemetry visit = Telemetry.session(APP, "user-" + i, "s" + i)
                    .at(Telemetry.T0.plus(Duration.ofMinutes(i))).launch(HOME).page(HOME);
            return i < 6 ? visit.prompt("p" + i, HOME, PAGE_LOAD) : visit.tap(HOME);
        }).toList();
    }

    @Test
    void shouldWarnOnceWhenTheFifthUserIsAffectedWithTheCountsOfThatMoment() {
        try (DetectionDriver driver = new DetectionDriver(firstDir)) {
            // When
            input().forEach(driver::pipe);

            // Then one WARNING, keyed by appId, crossing at the fifth user's violation
            final List<Violation> violations = driver.violations();
            assertThat(violations).hasSize(6);
            final List<KeyValue<String, EnforcementAction>> actions = actions(driver).readKeyValuesToList();
            assertThat(actions).hasSize(1);
            assertThat(actions.get(0).key).isEqualTo(APP);
            final EnforcementAction warning = actions.get(0).value;
            assertThat(warning.getAction()).isEqualTo(EnforcementKind.WARNING);
            assertThat(warning.getWindowStart()).isEqualTo(DAY_START);
            assertThat(warning.getWindowEnd()).isEqualTo(DAY_END);
            assertThat(warning.getActiveUsers()).isEqualTo(5);
            assertThat(warning.getAffectedUsers()).isEqualTo(5);
            assertThat(warning.getAffectedRate()).isEqualTo(1.0);
            assertThat(warning.getViolationsByRule()).containsExactly(Map.entry("FIRST_SCREEN_PROMPT", 5L));
            assertThat(warning.getEffectiveFrom()).isEqualTo(violations.get(4).getEventTime());
            assertThat(warning.getExpiresAt()).isEqualTo(warning.getEffectiveFrom().plus(Duration.ofDays(7)));
            assertThat(warning.getSampleViolationIds()).containsExactlyElementsOf(
                    violations.subList(0, 5).stream().map(Violation::getViolationId).toList());
            assertThat(warning.getPolicyVersion()).isZero();
            assertThat(warning.getReason()).isNotBlank();
        }
    }

    @Test
    void shouldGiveTheSameActionWhenTheSameTelemetryIsProcessedAgain() {
        assertThat(run(secondDir)).isEqualTo(run(firstDir)).hasSize(1);
    }

    private static List<EnforcementAction> run(Path stateDir) {
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            input().forEach(driver::pipe);
            return actions(driver).readValuesToList();
        }
    }

    private static TestOutputTopic<String, EnforcementAction> actions(DetectionDriver driver) {
        return driver.driver().createOutputTopic(driver.topics().enforcement().name(), Serdes.String().deserializer(),
                driver.topics().enforcement().valueSerde().deserializer());
    }
}
