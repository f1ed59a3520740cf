package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static io.authwatch.telemetry.PromptTrigger.UNKNOWN;
import static io.authwatch.telemetry.PromptTrigger.USER_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.policy.PathCategory;
import io.authwatch.rules.UserRefHasher;
import io.authwatch.rules.ViolationIds;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Platform examples 1.1 and 1.2: prompting on the first screen, before the user has started browsing. */
class FirstScreenRulesTest {

    private static final String HOME = "pages/index/index";

    @RegisterExtension
    final DetectionDriver driver = DetectionDriver.perTest();

    @Test
    void shouldFlagPopupRightAfterEntering() {
        // Given a user who opens the app and gets a phone popup as the home page loads
        final Telemetry visit = Telemetry.session("app-1", "user-1", "s1")
                .launch(HOME).page(HOME).prompt("p1", HOME, PAGE_LOAD).deny("p1");

        // When
        driver.pipe(visit);

        // Then exactly one complete 1.1 violation, MEDIUM as the popup was not blocking
        final List<Violation> violations = driver.violations();
        assertThat(violations).hasSize(1);
        final Violation v = violations.get(0);
        assertThat(v.getRule()).isEqualTo(RuleId.FIRST_SCREEN_PROMPT);
        assertThat(v.getRuleCase()).isEqualTo("1.1");
        assertThat(v.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(v.getConfidence()).isEqualTo(Confidence.CONFIRMED);
        assertThat(v.getAppId()).isEqualTo("app-1");
        assertThat(v.getSessionId()).isEqualTo("s1");
        assertThat(v.getPath()).isEqualTo(HOME);
        assertThat(v.getCategory()).isEqualTo(PathCategory.ENTRY_HOME);
        assertThat(v.getPromptEventId()).isEqualTo("s1-2");
        assertThat(v.getEventTime()).isEqualTo(visit.event(2).getEventTime());
        assertThat(v.getDetectedAt()).isEqualTo(DetectionDriver.START);
        assertThat(v.getPolicyVersion()).isZero();
        assertThat(v.getViolationId()).isEqualTo(ViolationIds.violationId(RuleId.FIRST_SCREEN_PROMPT, "app-1", "s1-2"))
                .hasSize(32);
        assertThat(v.getUserRef()).isEqualTo(new UserRefHasher("").userRef("app-1", "user-1")).hasSize(32)
                .doesNotContain("user-1");
        assertThat(v.getReason()).contains(HOME).contains("as the page loaded").contains("first interaction");
        assertThat(v.getEvidence()).extracting(Evidence::getEventId).containsExactly("s1-0", "s1-1", "s1-2");
        assertThat(v.getEvidence()).extracting(Evidence::getType).containsExactly("AppLaunch", "PageView", "PhoneAuthPrompt");
    }

    @Test
    void shouldRateBlockingFirstScreenPromptHigh() {
        // Given
        final Telemetry visit = Telemetry.session("app-1", "user-1", "s1")
                .launch(HOME).page(HOME).blockingPrompt("p1", HOME, UNKNOWN);

        // When
        driver.pipe(visit);

        // Then
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.FIRST_SCREEN_PROMPT);
            assertThat(v.getSeverity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void shouldFlagEntryPageWithoutContentUntilAuthorized() {
        // Given the entry page renders blank and asks for the phone number
        final Telemetry visit = Telemetry.session("app-1", "user-1", "s1")
                .launch(HOME).blankPage(HOME).prompt("p1", HOME, PAGE_LOAD).dismiss("p1");

        // When
        driver.pipe(visit);

        // Then 1.2 takes precedence over 1.1, and the blank page is in the evidence
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.CONTENT_GATED_ENTRY);
            assertThat(v.getRuleCase()).isEqualTo("1.2");
            assertThat(v.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(v.getReason()).contains("no content");
            assertThat(v.getEvidence()).anySatisfy(e -> {
                assertThat(e.getEventId()).isEqualTo("s1-1");
                assertThat(e.getDetail()).isEqualTo("no content");
            });
        });
    }

    @Test
    void shouldUseLatestPageViewOfThePromptsPageForContentGating() {
        // Given the page was blank at first, then showed its content before the prompt
        final Telemetry visit = Telemetry.session("app-1", "user-1", "s1")
                .launch(HOME).blankPage(HOME).page(HOME).prompt("p1", HOME, PAGE_LOAD);

        // When
        driver.pipe(visit);

        // Then it is a plain 1.1
        assertThat(driver.violations()).extracting(Violation::getRule).containsExactly(RuleId.FIRST_SCREEN_PROMPT);
    }

    @Test
    void shouldNotFlagPromptTheUserAskedFor() {
        // Given the user chose to sign in with the phone number right away
        final Telemetry visit = Telemetry.session("app-1", "user-1", "s1")
                .launch(HOME).blankPage(HOME).prompt("p1", HOME, USER_REQUEST).deny("p1").tap(HOME);

        // When
        driver.pipe(visit).advanceWallClock(java.time.Duration.ofMinutes(1));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotTreatPromptAfterInteractionAsFirstScreen() {
        // Given the user tapped before the (page-load) prompt on a login page
        final Telemetry visit = Telemetry.session("app-1", "user-1", "s1")
                .launch(HOME).page(HOME).tap(HOME).page("pages/login/index")
                .prompt("p1", "pages/login/index", PAGE_LOAD);

        // When
        driver.pipe(visit);

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotTreatNavigationOrActionTriggerAsBeforeTheFirstInteraction() {
        // Given prompts triggered by a tap toward a login page, with no UserInteraction reported
        final Telemetry visit = Telemetry.session("app-1", "user-1", "s1")
                .launch(HOME).page(HOME)
                .prompt("p1", HOME, NAVIGATION, "pages/login/index", true)
                .grant("p1")
                .prompt("p2", HOME, ACTION, "pages/account/bind", true);

        // When
        driver.pipe(visit);

        // Then no rule applies: the targets are phone-essential
        assertThat(driver.violations()).isEmpty();
    }
}
