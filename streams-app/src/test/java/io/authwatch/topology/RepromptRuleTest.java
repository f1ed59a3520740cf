package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static io.authwatch.telemetry.PromptTrigger.USER_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Platform example 4: re-prompting after the user refused, on re-opening and in a loop. */
class RepromptRuleTest {

    private static final String HOME = "pages/index/index";
    private static final String GOODS = "pages/goods/detail";
    private static final String SECTION = "pages/category/list";

    @RegisterExtension
    final DetectionDriver driver = DetectionDriver.perTest();

    /** A session in which the user refuses a prompt toward goods but is let in anyway (no rule 2). */
    private static Telemetry refusedButLetIn(String sessionId, Instant at) {
        return Telemetry.session("app-1", "user-1", sessionId).at(at).launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, ACTION, GOODS, false).deny("p1").page(GOODS);
    }

    /** A later session whose only prompt is granted toward a section (no rule 2). */
    private static Telemetry reopened(String sessionId, Instant at) {
        return Telemetry.session("app-1", "user-1", sessionId).at(at).launch(HOME).page(HOME).tap(HOME)
                .prompt("p9", HOME, NAVIGATION, SECTION, false).grant("p9").page(SECTION);
    }

    @Test
    void shouldFlagPromptAgainOnReopening() {
        // Given a refusal, then the user re-opens the app two hours later and is asked again
        driver.pipe(refusedButLetIn("s1", Telemetry.T0.minus(Duration.ofHours(2))), reopened("s2", Telemetry.T0));

        // Then rule 4 on the second session's prompt, citing the earlier refusal
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.REPROMPT_AFTER_DENIAL);
            assertThat(v.getRuleCase()).isEqualTo("4");
            assertThat(v.getSeverity()).isEqualTo(Severity.MEDIUM);
            assertThat(v.getConfidence()).isEqualTo(Confidence.CONFIRMED);
            assertThat(v.getSessionId()).isEqualTo("s2");
            assertThat(v.getPromptEventId()).isEqualTo("s2-3");
            assertThat(v.getReason()).contains("again").contains("in an earlier session").contains("denied");
            assertThat(v.getEvidence()).extracting(Evidence::getEventId).contains("s1-3", "s1-4", "s2-3");
            assertThat(v.getEvidence()).extracting(Evidence::getEventTime).isSorted();
        });
    }

    @Test
    void shouldFlagLoopingPromptsAndRateTheThirdHigh() {
        // Given the app asks again and again in one session after each refusal
        final Telemetry loop = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, ACTION, GOODS, false).deny("p1").page(GOODS)
                .prompt("p2", GOODS, ACTION, GOODS, false).dismiss("p2").page(GOODS)
                .prompt("p3", GOODS, ACTION, GOODS, false).deny("p3").page(GOODS)
                .prompt("p4", GOODS, ACTION, GOODS, false).deny("p4").page(GOODS);

        // When
        driver.pipe(loop);

        // Then rule 4 on p2, p3, p4; the third of them is HIGH
        assertThat(driver.violations()).extracting(Violation::getRule, Violation::getPromptEventId, Violation::getSeverity)
                .containsExactly(
                        tuple(RuleId.REPROMPT_AFTER_DENIAL, "s1-6", Severity.MEDIUM),
                        tuple(RuleId.REPROMPT_AFTER_DENIAL, "s1-9", Severity.MEDIUM),
                        tuple(RuleId.REPROMPT_AFTER_DENIAL, "s1-12", Severity.HIGH));
    }

    @Test
    void shouldSayLoopingPromptIsInTheSameSession() {
        driver.pipe(Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, ACTION, GOODS, false).deny("p1").page(GOODS)
                .prompt("p2", GOODS, ACTION, GOODS, false));

        assertThat(driver.violations()).singleElement()
                .satisfies(v -> assertThat(v.getReason()).contains("earlier in this session"));
    }

    @Test
    void shouldFireAlongsideFirstScreenRule() {
        // Given a first-screen popup refused, and the same popup on re-opening
        final Telemetry first = Telemetry.session("app-1", "user-1", "s1").at(Telemetry.T0.minus(Duration.ofHours(1)))
                .launch(HOME).page(HOME).prompt("p1", HOME, PAGE_LOAD).deny("p1");
        final Telemetry second = Telemetry.session("app-1", "user-1", "s2").launch(HOME).page(HOME)
                .prompt("p1", HOME, PAGE_LOAD);

        // When
        driver.pipe(first, second);

        // Then 1.1 twice, and rule 4 on the second prompt as well
        assertThat(driver.violations()).extracting(Violation::getRule, Violation::getPromptEventId)
                .containsExactly(
                        tuple(RuleId.FIRST_SCREEN_PROMPT, "s1-2"),
                        tuple(RuleId.FIRST_SCREEN_PROMPT, "s2-2"),
                        tuple(RuleId.REPROMPT_AFTER_DENIAL, "s2-2"));
    }

    @Test
    void shouldFlagFirstScreenRepromptEvenOnAnEssentialPage() {
        // Given a refusal, then an app that opens straight on its login page with a popup
        final Telemetry first = refusedButLetIn("s1", Telemetry.T0.minus(Duration.ofHours(1)));
        final Telemetry second = Telemetry.session("app-1", "user-1", "s2").launch("pages/login/index")
                .page("pages/login/index").prompt("p1", "pages/login/index", PAGE_LOAD);

        // When
        driver.pipe(first, second);

        // Then rule 4 applies because the prompt comes before the first interaction
        assertThat(driver.violations()).extracting(Violation::getRule)
                .containsExactly(RuleId.FIRST_SCREEN_PROMPT, RuleId.REPROMPT_AFTER_DENIAL);
    }

    @Test
    void shouldNotFlagAfterGrantClearedTheRefusal() {
        // Given a refusal, a later session where the user granted, then another prompt
        driver.pipe(refusedButLetIn("s1", Telemetry.T0.minus(Duration.ofHours(3))));
        driver.pipe(Telemetry.session("app-1", "user-1", "s2").at(Telemetry.T0.minus(Duration.ofHours(2)))
                .launch(HOME).page(HOME).tap(HOME).prompt("px", HOME, USER_REQUEST).grant("px"));
        driver.pipe(reopened("s3", Telemetry.T0));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotFlagRefusalOlderThanTheCooldown() {
        // Given a refusal 49 hours before the re-prompt (cooldown 48 h)
        driver.pipe(refusedButLetIn("s1", Telemetry.T0.minus(Duration.ofHours(49))), reopened("s2", Telemetry.T0));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldCountRefusalJustWithinTheCooldown() {
        // Given the refusal (at seq 4 of s1, 4 s after its start) exactly 48 h before the re-prompt (seq 3 of s2)
        final Instant s1Start = Telemetry.T0.minus(Duration.ofHours(48)).minusSeconds(1);
        driver.pipe(refusedButLetIn("s1", s1Start), reopened("s2", Telemetry.T0));

        // Then
        assertThat(driver.violations()).extracting(Violation::getRule).containsExactly(RuleId.REPROMPT_AFTER_DENIAL);
    }

    @Test
    void shouldNotCountARefusalMadeAfterThePromptInEventTime() {
        // Given the user's later session (a refusal at T0) arrives before an earlier one (a prompt an
        // hour before T0), say from a phone that uploads its backlog late
        driver.pipe(refusedButLetIn("s2", Telemetry.T0), reopened("s1", Telemetry.T0.minus(Duration.ofHours(1))));

        // Then the earlier prompt was not asked "after refusal": the refusal came later
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldFollowSeqOrderWithinASessionWhateverTheClientClockSays() {
        // Given a loop in one session, the client's clock set back between the refusal and the re-prompt
        final Telemetry loop = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, ACTION, GOODS, false).deny("p1").page(GOODS)
                .at(Telemetry.T0.minusSeconds(30)).prompt("p2", GOODS, ACTION, GOODS, false).deny("p2").page(GOODS);

        // When
        driver.pipe(loop);

        // Then the re-prompt follows the refusal in seq order: rule 4
        assertThat(driver.violations()).extracting(Violation::getRule, Violation::getPromptEventId)
                .containsExactly(tuple(RuleId.REPROMPT_AFTER_DENIAL, "s1-6"));
    }

    @Test
    void shouldCountRefusalOfAPromptTheUserAskedFor() {
        // Given the user started a phone sign-in themselves and dismissed it, then the app asks on re-opening
        driver.pipe(Telemetry.session("app-1", "user-1", "s1").at(Telemetry.T0.minus(Duration.ofHours(1)))
                .launch(HOME).page(HOME).tap(HOME).prompt("p1", HOME, USER_REQUEST).dismiss("p1"));
        driver.pipe(reopened("s2", Telemetry.T0));

        // Then a refusal is a refusal, whoever opened the prompt
        assertThat(driver.violations()).extracting(Violation::getRule).containsExactly(RuleId.REPROMPT_AFTER_DENIAL);
    }

    @Test
    void shouldMarkRepromptTowardUnclassifiedPathForReview() {
        driver.pipe(refusedButLetIn("s1", Telemetry.T0.minus(Duration.ofHours(1))));
        driver.pipe(Telemetry.session("app-1", "user-1", "s2").launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, ACTION, "pages/about/us", false).grant("p1"));

        assertThat(driver.violations()).singleElement()
                .satisfies(v -> assertThat(v.getConfidence()).isEqualTo(Confidence.NEEDS_REVIEW));
    }
}
