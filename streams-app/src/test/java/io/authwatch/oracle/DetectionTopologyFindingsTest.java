package io.authwatch.oracle;

import static io.authwatch.oracle.TestCatalog.GOODS;
import static io.authwatch.oracle.TestCatalog.HOME;
import static io.authwatch.telemetry.AuthOutcome.DENIED;
import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Minimal cases where the detection topology disagreed with CONTRACT.md §4 in the properties of
 * {@link DetectionTopologyPropertiesTest}, each written down as a plain example.
 */
class DetectionTopologyFindingsTest {

    private static final String APP = "wx-shop";

    /**
     * A refused prompt, then two re-prompts; three days later (the cooldown has passed) a new refusal
     * and one more re-prompt: the third prompt rule 4 applied to since the user's last GRANTED
     * (there was none).
     */
    private static HistoryBuilder threeRepromptsAcrossAnExpiredCooldown() {
        return HistoryBuilder.user(APP, "u-1")
                .session("s1", HOME).tap(HOME).prompt("p0", HOME, ACTION, GOODS, false).result("p0", DENIED).view(GOODS, true)
                .session("s2", Duration.ofHours(1), HOME).tap(HOME).prompt("p1", HOME, ACTION, GOODS, false)
                .session("s3", Duration.ofHours(1), HOME).tap(HOME).prompt("p2", HOME, ACTION, GOODS, false)
                .session("s4", Duration.ofDays(3), HOME).tap(HOME).prompt("p3", HOME, ACTION, GOODS, false)
                .result("p3", DENIED).view(GOODS, true)
                .session("s5", Duration.ofHours(1), HOME).tap(HOME).prompt("p4", HOME, ACTION, GOODS, false);
    }

    @Test
    void shouldRateTheThirdRepromptSinceTheLastGrantHighEvenAfterAnExpiredCooldown() {
        // Given the history delivered live: the wall clock follows the sessions
        final HistoryBuilder history = threeRepromptsAcrossAnExpiredCooldown();
        final Scenario scenario = Scenario.of(List.of(TestCatalog.platformDefault()), List.of(history.build()));
        // When the topology evaluates it
        final List<Violation> violations = run(scenario, scenario.inOrder(), scenario.inOrder().get(0).start());
        // Then p1, p2 and p4 are re-prompts, and p4 is the 3rd since the last GRANTED:
        // "HIGH from the 3rd prompt this rule applied to for the same user since that user's last GRANTED"
        assertThat(violations).extracting(Violation::getRule).containsOnly(RuleId.REPROMPT_AFTER_DENIAL);
        assertThat(violations).extracting(Violation::getPromptEventId)
                .containsExactly(history.eventIdOf("p1"), history.eventIdOf("p2"), history.eventIdOf("p4"));
        assertThat(violations).extracting(Violation::getSeverity)
                .containsExactly(Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH);
    }

    @Test
    void shouldGiveTheSameViolationsLiveAndAsALateUpload() {
        // Given one history delivered live, and the same history uploaded late in one go
        final Scenario scenario = Scenario.of(List.of(TestCatalog.platformDefault()),
                List.of(threeRepromptsAcrossAnExpiredCooldown().build()));
        final List<Scenario.Block> lateUpload = scenario.interleavedUsers(new Random(1));
        // When the topology evaluates each
        final List<String> live = comparable(run(scenario, scenario.inOrder(), scenario.inOrder().get(0).start()));
        final List<String> late = comparable(run(scenario, lateUpload, lateUpload.get(0).start()));
        // Then "one input always yields the same set of violations"
        assertThat(live).isEqualTo(late);
    }

    private static List<Violation> run(Scenario scenario, List<Scenario.Block> blocks, Instant wallClockStart) {
        try (DetectionDriver driver = new DetectionDriver(wallClockStart.minusSeconds(60))) {
            driver.run(scenario.policies(), blocks);
            return driver.violations().stream().map(TestRecord::value).toList();
        }
    }

    private static List<String> comparable(List<Violation> violations) {
        return violations.stream().map(v -> {
            v.setDetectedAt(Instant.EPOCH);
            return v.toString();
        }).sorted().toList();
    }
}
