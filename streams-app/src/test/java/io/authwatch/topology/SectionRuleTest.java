package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.policy.PathCategory;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Platform example 2: entering a section, tapping a page option or browsing goods is blocked unless the user authorizes. */
class SectionRuleTest {

    private static final String HOME = "pages/index/index";
    private static final String SECTION = "pages/category/list";
    private static final String ARTICLE = "pages/article/detail";
    private static final String GOODS = "pages/goods/detail";

    @RegisterExtension
    final DetectionDriver driver = DetectionDriver.perTest();

    private static Telemetry browsing(String sessionId) {
        return Telemetry.session("app-1", "user-1", sessionId).launch(HOME).page(HOME).tap(HOME);
    }

    @Test
    void shouldFlagSectionKeptClosedAfterDenial() {
        // Given the user tries to open a section, denies the prompt, and stays on the home page
        final Telemetry visit = browsing("s1").prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1")
                .page(HOME).after(Duration.ofSeconds(40)).tap(HOME);

        // When the session's own next event passes the end of the 30 s window
        driver.pipe(visit);

        // Then a rule 2 violation, MEDIUM (not blocking), with the refusal and what followed as evidence
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.getRuleCase()).isEqualTo("2");
            assertThat(v.getSeverity()).isEqualTo(Severity.MEDIUM);
            assertThat(v.getConfidence()).isEqualTo(Confidence.CONFIRMED);
            assertThat(v.getCategory()).isEqualTo(PathCategory.BROWSE);
            assertThat(v.getPath()).isEqualTo(HOME);
            assertThat(v.getPromptEventId()).isEqualTo("s1-3");
            assertThat(v.getReason()).contains(SECTION).contains("denied").contains("kept the user out");
            assertThat(v.getEvidence()).extracting(Evidence::getEventId)
                    .containsExactly("s1-0", "s1-1", "s1-2", "s1-3", "s1-4", "s1-5");
        });
    }

    @Test
    void shouldFlagBlockingPromptOnPageOption() {
        // Given the user taps "read more", which is blocked behind a phone prompt
        final Telemetry visit = browsing("s1").prompt("p1", HOME, ACTION, ARTICLE, true);

        // When
        driver.pipe(visit);

        // Then decided at once: forced because blocking, HIGH because blocking
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(v.getCategory()).isEqualTo(PathCategory.CONTENT);
            assertThat(v.getReason()).contains("blocked " + ARTICLE);
        });
    }

    @Test
    void shouldFlagGoodsPageBlankedAfterDismissal() {
        // Given the user opens a product, is prompted there, dismisses it, and the page goes blank
        final Telemetry visit = browsing("s1").page(GOODS).prompt("p1", GOODS, PAGE_LOAD).dismiss("p1")
                .blankPage(GOODS);

        // When the session then goes quiet and the sweep finds it
        driver.pipe(visit);
        assertThat(driver.violations()).isEmpty();
        driver.advanceWallClock(Duration.ofSeconds(36));

        // Then
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.getCategory()).isEqualTo(PathCategory.PRODUCT);
            assertThat(v.getReason()).contains("dismissed");
            assertThat(v.getDetectedAt()).isEqualTo(driver.wallClock());
        });
    }

    @Test
    void shouldFlagRedirectAwayFromThePromptsPage() {
        // Given after the refusal the app moves the user home with no tap in between
        final Telemetry visit = browsing("s1").page(GOODS).prompt("p1", GOODS, PAGE_LOAD).deny("p1").page(HOME)
                .after(Duration.ofMinutes(1)).tap(HOME);

        // When
        driver.pipe(visit);

        // Then
        assertThat(driver.violations()).extracting(Violation::getRule)
                .containsExactly(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
    }

    @Test
    void shouldDecideQuietSessionThroughTheWallClockSweep() {
        // Given a refused navigation, one later event, then silence
        final Telemetry visit = browsing("s1").prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1").page(HOME);
        driver.pipe(visit);

        // When wall-clock time passes, but less than session-quiet
        driver.advanceWallClock(Duration.ofSeconds(25));

        // Then nothing yet
        assertThat(driver.violations()).isEmpty();

        // When the session has been quiet for session-quiet and the next sweep runs
        driver.advanceWallClock(Duration.ofSeconds(10));

        // Then the decision is made with the events seen so far
        assertThat(driver.violations()).singleElement()
                .satisfies(v -> assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT));
    }

    @Test
    void shouldNotDecideFromOtherUsersEvents() {
        // Given user 1 refused and had one later event; user 2 keeps sending events far later in event time
        driver.pipe(browsing("s1").prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1").page(HOME));
        driver.pipe(Telemetry.session("app-1", "user-2", "t1").after(Duration.ofMinutes(5)).launch(HOME).page(HOME)
                .tap(HOME));

        // Then user 1's decision still waits for user 1's own events or quiet
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotFlagRefusalWithoutLaterEvents() {
        // Given a refused navigation and nothing after it
        driver.pipe(browsing("s1").prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1"));

        // When the session goes quiet
        driver.advanceWallClock(Duration.ofMinutes(2));

        // Then there is no evidence, so no violation
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotFlagDenialWhenTheUserWasLetIn() {
        // Given the user denies but the app opens the section anyway
        driver.pipe(browsing("s1").prompt("p1", HOME, NAVIGATION, SECTION, false).deny("p1").page(SECTION)
                .tap(SECTION));

        // When
        driver.advanceWallClock(Duration.ofMinutes(2));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotFlagPageShownAgainWithContent() {
        // Given the goods page blanks after the refusal, then shows its content again
        driver.pipe(browsing("s1").page(GOODS).prompt("p1", GOODS, PAGE_LOAD).deny("p1").blankPage(GOODS)
                .page(GOODS));

        // When
        driver.advanceWallClock(Duration.ofMinutes(2));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotTreatUserNavigationAsRedirect() {
        // Given the user taps away after the refusal
        driver.pipe(browsing("s1").page(GOODS).prompt("p1", GOODS, PAGE_LOAD).deny("p1").tap(GOODS).page(HOME));

        // When
        driver.advanceWallClock(Duration.ofMinutes(2));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotFlagGrantedPrompt() {
        // Given
        driver.pipe(browsing("s1").prompt("p1", HOME, NAVIGATION, SECTION, false).grant("p1").page(HOME));

        // When
        driver.advanceWallClock(Duration.ofMinutes(2));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotFlagPhoneEssentialTargets() {
        // Given blocking prompts toward a login page, a delivery address and a real-name check
        driver.pipe(browsing("s1")
                .prompt("p1", HOME, ACTION, "pages/login/index", true).dismiss("p1").page(HOME)
                .prompt("p2", HOME, NAVIGATION, "pages/address/edit", true).grant("p2").page("pages/address/edit")
                .prompt("p3", HOME, ACTION, "pages/realname/verify", true).grant("p3"));

        // When
        driver.advanceWallClock(Duration.ofMinutes(2));

        // Then none is a violation (the re-prompt after p1's refusal is toward an essential path too)
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldKeepQueryStringsOutOfTheViolation() {
        // Given paths whose query strings carry personal data
        driver.pipe(browsing("s1").page(GOODS + "?phone=13800000000")
                .prompt("p1", GOODS + "?phone=13800000000", ACTION, "pages/goods/buy?mobile=13800000000", true));

        // Then the violation names the pages without their queries
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getPath()).isEqualTo(GOODS);
            assertThat(v.getCategory()).isEqualTo(PathCategory.PRODUCT);
            assertThat(v.toString()).doesNotContain("13800000000");
        });
    }

    @Test
    void shouldMarkUnclassifiedTargetForReview() {
        // Given a blocking prompt toward a path no policy classifies
        driver.pipe(browsing("s1").prompt("p1", HOME, ACTION, "pages/about/us", true));

        // Then
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.getCategory()).isEqualTo(PathCategory.UNCLASSIFIED);
            assertThat(v.getConfidence()).isEqualTo(Confidence.NEEDS_REVIEW);
        });
    }
}
