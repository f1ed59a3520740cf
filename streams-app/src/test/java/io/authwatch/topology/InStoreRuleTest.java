package io.authwatch.topology;

import static io.authwatch.telemetry.OrderStage.CHECKOUT;
import static io.authwatch.telemetry.OrderStage.MEMBERSHIP_SIGNUP;
import static io.authwatch.telemetry.OrderStage.MENU;
import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static io.authwatch.telemetry.ServiceMode.DELIVERY;
import static io.authwatch.telemetry.ServiceMode.DINE_IN;
import static io.authwatch.telemetry.ServiceMode.PICKUP;
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

/** Platform example 3: forcing authorization in in-store pickup, dine-in, in-store checkout and membership while ordering. */
class InStoreRuleTest {

    private static final String MENU_PAGE = "pages/menu/index";
    private static final String CHECKOUT_PAGE = "pages/checkout/confirm";
    private static final String MEMBER_PAGE = "pages/member/join";

    @RegisterExtension
    final DetectionDriver driver = DetectionDriver.perTest();

    private static Telemetry ordering(io.authwatch.telemetry.ServiceMode mode) {
        return Telemetry.session("cafe-1", "user-1", "s1").launch(MENU_PAGE).page(MENU_PAGE).tap(MENU_PAGE)
                .order(MENU_PAGE, mode, MENU);
    }

    @Test
    void shouldFlagBlockingPromptAtInStoreCheckout() {
        // Given a pickup order whose checkout is blocked behind the phone prompt
        final Telemetry visit = ordering(PICKUP).order(MENU_PAGE, PICKUP, CHECKOUT)
                .prompt("p1", MENU_PAGE, ACTION, CHECKOUT_PAGE, true);

        // When
        driver.pipe(visit);

        // Then rule 3, HIGH, with the ordering scene in the evidence
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SCENE_PROMPT);
            assertThat(v.getRuleCase()).isEqualTo("3");
            assertThat(v.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(v.getConfidence()).isEqualTo(Confidence.CONFIRMED);
            assertThat(v.getCategory()).isEqualTo(PathCategory.PAYMENT_IN_STORE);
            assertThat(v.getReason()).contains("in-store PICKUP at CHECKOUT");
            assertThat(v.getEvidence()).anySatisfy(e -> assertThat(e.getType()).isEqualTo("OrderContext"));
        });
    }

    @Test
    void shouldFlagDineInOrderingKeptBlockedAfterDenial() {
        // Given a dine-in guest taps a dish, denies the prompt, and never gets to the dish
        final Telemetry visit = ordering(DINE_IN).prompt("p1", MENU_PAGE, ACTION, "pages/menu/dish", false)
                .deny("p1").page(MENU_PAGE).after(Duration.ofSeconds(45)).tap(MENU_PAGE);

        // When
        driver.pipe(visit);

        // Then
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SCENE_PROMPT);
            assertThat(v.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(v.getReason()).contains("in-store DINE_IN").contains("denied");
            assertThat(v.getEvidence()).extracting(Evidence::getType).contains("OrderContext", "PhoneAuthPrompt",
                    "PhoneAuthResult", "PageView");
        });
    }

    @Test
    void shouldFlagForcedMembershipWhileOrderingInStore() {
        // Given ordering for pickup, the app opens a membership page that prompts; after the refusal it redirects
        final Telemetry visit = ordering(PICKUP).order(MEMBER_PAGE, PICKUP, MEMBERSHIP_SIGNUP).page(MEMBER_PAGE)
                .prompt("p1", MEMBER_PAGE, PAGE_LOAD).dismiss("p1").page(MENU_PAGE);

        // When the session goes quiet
        driver.pipe(visit).advanceWallClock(Duration.ofSeconds(40));

        // Then
        assertThat(driver.violations()).singleElement().satisfies(v -> {
            assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SCENE_PROMPT);
            assertThat(v.getCategory()).isEqualTo(PathCategory.MEMBERSHIP);
        });
    }

    @Test
    void shouldApplySceneRuleEvenToAccountPathsInStore() {
        // Given in store, checkout requires binding the phone as an account
        driver.pipe(ordering(DINE_IN).prompt("p1", MENU_PAGE, ACTION, "pages/account/bind", true));

        // Then only REGULATED_IDENTITY is exempt in store
        assertThat(driver.violations()).extracting(Violation::getRule)
                .containsExactly(RuleId.NON_ESSENTIAL_SCENE_PROMPT);
    }

    @Test
    void shouldPreferSceneRuleOverSectionRule() {
        // Given in store, a blocking prompt toward goods (which rule 2 would also catch)
        driver.pipe(ordering(DINE_IN).prompt("p1", MENU_PAGE, ACTION, "pages/goods/detail", true));

        // Then only rule 3 applies
        assertThat(driver.violations()).extracting(Violation::getRule)
                .containsExactly(RuleId.NON_ESSENTIAL_SCENE_PROMPT);
    }

    @Test
    void shouldNotFlagRegulatedIdentityInStore() {
        // Given in store, a prompt for a regulated real-name check
        driver.pipe(ordering(DINE_IN).prompt("p1", MENU_PAGE, ACTION, "pages/realname/verify", true));

        // Then neither rule 3 nor (essential path) rule 2
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldNotTreatDeliveryOrderAsInStore() {
        // Given a delivery order blocked at an essential address step
        driver.pipe(ordering(DELIVERY).prompt("p1", MENU_PAGE, ACTION, "pages/address/edit", true));

        // Then
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void shouldUseTheLatestOrderContextAtThePrompt() {
        // Given the user switched from dine-in to delivery before the prompt toward an address
        driver.pipe(ordering(DINE_IN).order(MENU_PAGE, DELIVERY, CHECKOUT)
                .prompt("p1", MENU_PAGE, ACTION, "pages/address/edit", true));

        // Then not in store any more: no rule applies
        assertThat(driver.violations()).isEmpty();
    }
}
