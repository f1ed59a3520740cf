package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Violation record of CONTRACT.md section 3: ids, userRef and evidence as other systems rely on them. */
class ViolationRecordTest {

    private static final String HOME = "pages/index/index";
    private static final String SECTION = "pages/category/list";

    @TempDir
    Path firstDir;
    @TempDir
    Path secondDir;

    /** One user: a first-screen prompt (1.1), then a refused section kept closed (2) asked again (4). */
    private static List<Telemetry> input() {
        return List.of(
                Telemetry.session("wx-record", "user-7", "s1").launch(HOME).page(HOME).prompt("p1", HOME, PAGE_LOAD)
                        .grant("p1").tap(HOME).prompt("p2", HOME, NAVIGATION, SECTION, false).deny("p2").page(HOME)
                        .after(Duration.ofSeconds(40)).tap(HOME),
                Telemetry.session("wx-record", "user-7", "s2").at(Telemetry.T0.plus(Duration.ofMinutes(10)))
                        .launch(HOME).page(HOME).tap(HOME).prompt("p3", HOME, NAVIGATION, SECTION, false).grant("p3")
                        .page(SECTION));
    }

    @Test
    void shouldHashTheUserRefWithTheConfiguredSecretAsTheContractSays() throws Exception {
        // Given a configured user-ref secret
        try (DetectionDriver driver = new DetectionDriver(firstDir, Map.of("user-ref.secret", "s3cr3t-for-test"),
                new Properties())) {
            // When a violating session of user-7 is processed
            driver.pipe(input().get(0));

            // Then userRef is HMAC-SHA256(secret, "wx-record:user-7"), lower-case hex, first 32 characters
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cr3t-for-test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            final String expected = HexFormat.of()
                    .formatHex(mac.doFinal("wx-record:user-7".getBytes(StandardCharsets.UTF_8))).substring(0, 32);
            assertThat(driver.violations()).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.getUserRef()).isEqualTo(expected).matches("[0-9a-f]{32}"));
        }
    }

    @Test
    void shouldGiveIdenticalViolationsWhenTheSameInputIsProcessedAgain() {
        // Given the same input processed by two fresh monitors
        final List<Violation> first = run(firstDir);
        final List<Violation> second = run(secondDir);

        // Then the same violations with the same ids (only detectedAt, the decision's processing time, may differ)
        assertThat(first).extracting(Violation::getRule).containsExactlyInAnyOrder(RuleId.FIRST_SCREEN_PROMPT,
                RuleId.NON_ESSENTIAL_SECTION_PROMPT, RuleId.REPROMPT_AFTER_DENIAL);
        assertThat(second).usingRecursiveFieldByFieldElementComparatorIgnoringFields("detectedAt")
                .containsExactlyElementsOf(first);
        assertThat(first).extracting(Violation::getViolationId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
    }

    @Test
    void shouldKeepAtMostTwentyEvidenceEventsInEventTimeOrder() {
        // Given an entry page reported 30 times, with client clocks that do not follow seq order,
        // then a prompt before any interaction
        final Telemetry visit = Telemetry.session("wx-record", "user-8", "s1").launch(HOME);
        for (int i = 0; i < 30; i++) {
            visit.at(Telemetry.T0.plusSeconds(i % 2 == 0 ? 60 - i : 60 + i)).page(HOME);
        }
        visit.at(Telemetry.T0.plusSeconds(200)).prompt("p1", HOME, PAGE_LOAD);

        try (DetectionDriver driver = new DetectionDriver(firstDir)) {
            // When
            driver.pipe(visit);

            // Then evidence is capped at 20, in event-time order, and holds the prompt
            final Violation v = driver.violations().get(0);
            assertThat(v.getEvidence()).hasSizeLessThanOrEqualTo(20)
                    .extracting(Evidence::getEventTime).isSorted();
            assertThat(v.getEvidence()).extracting(Evidence::getEventId).contains(v.getPromptEventId());
            assertThat(v.getEvidence()).extracting(Evidence::getEventId).doesNotHaveDuplicates();
        }
    }

    private static List<Violation> run(Path stateDir) {
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            input().forEach(driver::pipe);
            driver.advanceWallClock(Duration.ofMinutes(1));
            return driver.violations();
        }
    }
}
