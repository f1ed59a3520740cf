package io.authwatch.oracle;

import static io.authwatch.oracle.TestCatalog.ABOUT;
import static io.authwatch.oracle.TestCatalog.CATEGORY;
import static io.authwatch.oracle.TestCatalog.CATEGORY_DEEP;
import static io.authwatch.oracle.TestCatalog.DELIVERY;
import static io.authwatch.oracle.TestCatalog.GOODS;
import static io.authwatch.oracle.TestCatalog.GOODS_SPECIAL;
import static io.authwatch.oracle.TestCatalog.HOME;
import static io.authwatch.oracle.TestCatalog.IDENTITY;
import static io.authwatch.oracle.TestCatalog.LOGIN;
import static io.authwatch.oracle.TestCatalog.MEMBER;
import static io.authwatch.oracle.TestCatalog.STORE_PAY;
import static io.authwatch.telemetry.AuthOutcome.DENIED;
import static io.authwatch.telemetry.AuthOutcome.DISMISSED;
import static io.authwatch.telemetry.AuthOutcome.GRANTED;
import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static io.authwatch.telemetry.PromptTrigger.UNKNOWN;
import static io.authwatch.telemetry.PromptTrigger.USER_REQUEST;
import static io.authwatch.violation.RuleId.CONTENT_GATED_ENTRY;
import static io.authwatch.violation.RuleId.FIRST_SCREEN_PROMPT;
import static io.authwatch.violation.RuleId.NON_ESSENTIAL_SCENE_PROMPT;
import static io.authwatch.violation.RuleId.NON_ESSENTIAL_SECTION_PROMPT;
import static io.authwatch.violation.RuleId.REPROMPT_AFTER_DENIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathCategory;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.ServiceMode;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The oracle itself, on hand-made histories written from CONTRACT.md §4: one per rule, and near-misses. */
class ContractOracleTest {

    private static final String APP = "wx-shop";
    private static final AuthwatchConfig CONFIG = AuthwatchConfig.of(Map.of("user-ref.secret", "oracle-test-secret"));

    private final ContractOracle oracle = oracleWith(TestCatalog.platformDefault(), TestCatalog.appPolicy(APP));

    private static ContractOracle oracleWith(AppPathPolicy... policies) {
        return ContractOracle.from(CONFIG, new OraclePolicies(List.of(policies)));
    }

    private static HistoryBuilder user() {
        return HistoryBuilder.user(APP, "u-1");
    }

    private List<ExpectedViolation> evaluate(HistoryBuilder history) {
        return oracle.evaluate(history.build());
    }

    private static ExpectedViolation only(List<ExpectedViolation> violations) {
        assertThat(violations).hasSize(1);
        return violations.get(0);
    }

    private static List<RuleId> rules(List<ExpectedViolation> violations) {
        return violations.stream().map(ExpectedViolation::rule).toList();
    }

    @Nested
    class FirstScreen {

        @Test
        void shouldFlagAPromptRightAfterEntering() {
            // Given a prompt when the home page loads, before the user did anything
            final HistoryBuilder h = user().session("s1", HOME).view(HOME, true).prompt("p1", HOME, PAGE_LOAD, null, false);
            // When evaluated
            final ExpectedViolation v = only(evaluate(h));
            // Then it is case 1.1, MEDIUM as it does not block
            assertThat(v.rule()).isEqualTo(FIRST_SCREEN_PROMPT);
            assertThat(v.ruleCase()).isEqualTo("1.1");
            assertThat(v.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(v.confidence()).isEqualTo(Confidence.CONFIRMED);
            assertThat(v.promptEventId()).isEqualTo(h.eventIdOf("p1"));
            assertThat(v.category()).isEqualTo(PathCategory.ENTRY_HOME);
            assertThat(v.policyVersion()).isEqualTo(TestCatalog.PLATFORM_VERSION);
            assertThat(v.sessionId()).isEqualTo("s1");
            assertThat(v.userRef()).hasSize(32).matches("[0-9a-f]+").doesNotContain("u-1");
        }

        @Test
        void shouldRateABlockingFirstScreenPromptHigh() {
            final HistoryBuilder h = user().session("s1", HOME).prompt("p1", HOME, UNKNOWN, null, true);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(FIRST_SCREEN_PROMPT);
            assertThat(v.severity()).isEqualTo(Severity.HIGH);
        }

        @Test
        void shouldFlagContentGatedEntryInsteadOfFirstScreen() {
            // Given the entry page shown blank, then a prompt on it
            final HistoryBuilder h = user().session("s1", HOME).view(HOME, false).prompt("p1", HOME, PAGE_LOAD, null, false);
            // Then 1.2 takes precedence over 1.1, HIGH
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(CONTENT_GATED_ENTRY);
            assertThat(v.ruleCase()).isEqualTo("1.2");
            assertThat(v.severity()).isEqualTo(Severity.HIGH);
        }

        @Test
        void shouldJudgeContentGatingByTheLatestViewOfThePromptsPage() {
            // Given the page blank then shown, and another page blank
            final HistoryBuilder h = user().session("s1", HOME).view(HOME, false).view(HOME, true).view(ABOUT, false)
                    .prompt("p1", HOME, PAGE_LOAD, null, false);
            // Then only 1.1: the latest view of the prompt's page showed content
            assertThat(rules(evaluate(h))).containsExactly(FIRST_SCREEN_PROMPT);
        }

        @Test
        void shouldNotFlagFirstScreenAfterAnInteraction() {
            final HistoryBuilder h = user().session("s1", HOME).view(HOME, false).tap(HOME)
                    .prompt("p1", HOME, PAGE_LOAD, null, false);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldCountANavigationTriggerAsAnInteraction() {
            final HistoryBuilder h = user().session("s1", HOME).prompt("p1", HOME, NAVIGATION, CATEGORY, false);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldFlagFirstScreenEvenOnAnEssentialPage() {
            // "fires when P comes before the first interaction": no category condition
            final HistoryBuilder h = user().session("s1", LOGIN).prompt("p1", LOGIN, PAGE_LOAD, null, false);
            assertThat(only(evaluate(h)).category()).isEqualTo(PathCategory.ACCOUNT);
        }

        @Test
        void shouldNeverFlagAUserRequest() {
            final HistoryBuilder h = user().session("s1", HOME).view(HOME, false).prompt("p1", HOME, USER_REQUEST, null, true)
                    .result("p1", DENIED).prompt("p2", HOME, USER_REQUEST, null, true);
            assertThat(evaluate(h)).isEmpty();
        }
    }

    @Nested
    class Forced {

        @Test
        void shouldFlagABlockingPromptOnGoods() {
            // Given the user taps "buy" on a product list and a blocking prompt guards the product
            final HistoryBuilder h = user().session("s1", HOME).view(HOME, true).tap(HOME)
                    .prompt("p1", HOME, ACTION, GOODS, true);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.ruleCase()).isEqualTo("2");
            assertThat(v.severity()).isEqualTo(Severity.HIGH);
            assertThat(v.category()).isEqualTo(PathCategory.PRODUCT);
            assertThat(v.path()).isEqualTo(HOME);
        }

        @Test
        void shouldFlagARefusedNavigationWhenTheTargetNeverOpens() {
            // Given the user is refused entry to a section: after DENIED only the home page shows
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p1", HOME, NAVIGATION, CATEGORY, false)
                    .result("p1", DENIED).after(Duration.ofSeconds(5)).view(HOME, true);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(v.category()).isEqualTo(PathCategory.BROWSE);
        }

        @Test
        void shouldNotFlagARefusalWhenTheUserIsLetIn() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p1", HOME, NAVIGATION, CATEGORY, false)
                    .result("p1", DENIED).view(CATEGORY, true);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldNotFlagARefusalWhenTheUserActsOnTheTarget() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p1", HOME, ACTION, CATEGORY, false)
                    .result("p1", DISMISSED).view(CATEGORY, false).tap(CATEGORY);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldNotAccuseWithoutEvidenceInTheWindow() {
            // Given the next event after the refusal comes 31 s later, past the 30 s window
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p1", HOME, NAVIGATION, CATEGORY, false)
                    .result("p1", DENIED).after(Duration.ofSeconds(31)).view(HOME, true);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldIgnoreTargetViewsAfterTheWindow() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p1", HOME, NAVIGATION, CATEGORY, false)
                    .result("p1", DENIED).after(Duration.ofSeconds(10)).view(HOME, true)
                    .after(Duration.ofSeconds(25)).view(CATEGORY, true);
            assertThat(rules(evaluate(h))).containsExactly(NON_ESSENTIAL_SECTION_PROMPT);
        }

        @Test
        void shouldNotFlagAnUnansweredNonBlockingPrompt() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p1", HOME, ACTION, GOODS, false)
                    .view(HOME, true);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldFlagARedirectAfterARefusalOnThePromptsOwnPage() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).view(GOODS, true)
                    .prompt("p1", GOODS, PAGE_LOAD, null, false).result("p1", DISMISSED).view(HOME, true);
            assertThat(only(evaluate(h)).rule()).isEqualTo(NON_ESSENTIAL_SECTION_PROMPT);
        }

        @Test
        void shouldNotCallItARedirectWhenTheUserNavigatedThemselves() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).view(GOODS, true)
                    .prompt("p1", GOODS, PAGE_LOAD, null, false).result("p1", DISMISSED).tap(GOODS).view(HOME, true);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldFlagAPageLeftBlankAfterARefusal() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).view(GOODS, true)
                    .prompt("p1", GOODS, UNKNOWN, null, false).result("p1", DENIED).view(GOODS, false);
            assertThat(only(evaluate(h)).rule()).isEqualTo(NON_ESSENTIAL_SECTION_PROMPT);
        }

        @Test
        void shouldNotFlagABlankPageThatIsShownAgainInTheWindow() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).view(GOODS, true)
                    .prompt("p1", GOODS, UNKNOWN, null, false).result("p1", DENIED).view(GOODS, false)
                    .after(Duration.ofSeconds(20)).view(GOODS, true);
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldNotFlagForcedPromptsOnEssentialPaths() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME)
                    .prompt("p1", HOME, ACTION, LOGIN, true)
                    .prompt("p2", HOME, ACTION, DELIVERY, true)
                    .prompt("p3", HOME, ACTION, IDENTITY, true)
                    .prompt("p4", HOME, ACTION, GOODS_SPECIAL, true); // ACCOUNT by the app's own rule
            assertThat(evaluate(h)).isEmpty();
        }

        @Test
        void shouldNeedReviewWhenTheDecisivePathIsUnclassified() {
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p1", HOME, ACTION, CATEGORY_DEEP, true);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(NON_ESSENTIAL_SECTION_PROMPT);
            assertThat(v.category()).isEqualTo(PathCategory.UNCLASSIFIED);
            assertThat(v.confidence()).isEqualTo(Confidence.NEEDS_REVIEW);
            assertThat(v.policyVersion()).isEqualTo(TestCatalog.APP_VERSION); // none matched: the app's version
        }
    }

    @Nested
    class InStore {

        @Test
        void shouldFlagForcedCheckoutWhileDiningIn() {
            final HistoryBuilder h = user().session("s1", HOME).order(HOME, ServiceMode.DINE_IN, OrderStage.MENU).tap(HOME)
                    .prompt("p1", HOME, ACTION, STORE_PAY, true);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(NON_ESSENTIAL_SCENE_PROMPT);
            assertThat(v.ruleCase()).isEqualTo("3");
            assertThat(v.severity()).isEqualTo(Severity.HIGH);
            assertThat(v.category()).isEqualTo(PathCategory.PAYMENT_IN_STORE);
        }

        @Test
        void shouldFlagForcedMembershipWhileOrderingForPickup() {
            final HistoryBuilder h = user().session("s1", HOME).order(HOME, ServiceMode.PICKUP, OrderStage.MEMBERSHIP_SIGNUP)
                    .tap(HOME).prompt("p1", HOME, NAVIGATION, MEMBER, false).result("p1", DENIED).view(HOME, true);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(NON_ESSENTIAL_SCENE_PROMPT);
            assertThat(v.category()).isEqualTo(PathCategory.MEMBERSHIP);
            assertThat(v.policyVersion()).isEqualTo(TestCatalog.APP_VERSION);
        }

        @Test
        void shouldFlagAnAccountPromptForcedInStoreButNotRegulatedIdentity() {
            // rule 3 exempts only REGULATED_IDENTITY
            final HistoryBuilder h = user().session("s1", HOME).order(HOME, ServiceMode.DINE_IN, OrderStage.CHECKOUT).tap(HOME)
                    .prompt("p1", HOME, ACTION, LOGIN, true).prompt("p2", HOME, ACTION, IDENTITY, true);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(NON_ESSENTIAL_SCENE_PROMPT);
            assertThat(v.promptEventId()).isEqualTo(h.eventIdOf("p1"));
        }

        @Test
        void shouldUseTheLatestOrderContextBeforeThePrompt() {
            final HistoryBuilder h = user().session("s1", HOME).order(HOME, ServiceMode.DINE_IN, OrderStage.MENU)
                    .order(HOME, ServiceMode.DELIVERY, OrderStage.CART).tap(HOME).prompt("p1", HOME, ACTION, GOODS, true)
                    .order(HOME, ServiceMode.PICKUP, OrderStage.CART);
            assertThat(rules(evaluate(h))).containsExactly(NON_ESSENTIAL_SECTION_PROMPT);
        }

        @Test
        void shouldPreferFirstScreenOverScene() {
            final HistoryBuilder h = user().session("s1", HOME).order(HOME, ServiceMode.DINE_IN, OrderStage.MENU)
                    .prompt("p1", HOME, PAGE_LOAD, null, true);
            assertThat(rules(evaluate(h))).containsExactly(FIRST_SCREEN_PROMPT);
        }
    }

    @Nested
    class Reprompt {

        /** One refused prompt after an interaction that is not forced: the user is let in to the target. */
        private HistoryBuilder refusedOnce() {
            return user().session("s1", HOME).tap(HOME).prompt("p0", HOME, ACTION, GOODS, false).result("p0", DENIED)
                    .view(GOODS, true);
        }

        @Test
        void shouldFlagARepromptOnReopening() {
            final HistoryBuilder h = refusedOnce().session("s2", Duration.ofHours(20), HOME).prompt("p1", HOME, PAGE_LOAD, null, false);
            final List<ExpectedViolation> vs = evaluate(h);
            // Then 4 co-fires with 1.1
            assertThat(rules(vs)).containsExactlyInAnyOrder(FIRST_SCREEN_PROMPT, REPROMPT_AFTER_DENIAL);
            final ExpectedViolation v4 = vs.stream().filter(v -> v.rule() == REPROMPT_AFTER_DENIAL).findFirst().orElseThrow();
            assertThat(v4.ruleCase()).isEqualTo("4");
            assertThat(v4.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(v4.sessionId()).isEqualTo("s2");
        }

        @Test
        void shouldFlagARepromptLoopingInOneSession() {
            final HistoryBuilder h = refusedOnce().after(Duration.ofMinutes(2)).tap(HOME).prompt("p1", HOME, ACTION, CATEGORY, false);
            assertThat(rules(evaluate(h))).containsExactly(REPROMPT_AFTER_DENIAL);
        }

        @Test
        void shouldNotFlagARepromptAfterTheCooldown() {
            final HistoryBuilder h = refusedOnce().session("s2", Duration.ofHours(49), HOME).prompt("p1", HOME, PAGE_LOAD, null, false);
            assertThat(rules(evaluate(h))).containsExactly(FIRST_SCREEN_PROMPT);
        }

        @Test
        void shouldClearTheRefusalOnGranted() {
            final HistoryBuilder h = refusedOnce()
                    .session("s2", Duration.ofHours(1), HOME).tap(HOME).prompt("p1", HOME, ACTION, GOODS, false).result("p1", GRANTED)
                    .session("s3", Duration.ofHours(1), HOME).tap(HOME).prompt("p2", HOME, ACTION, GOODS, false);
            final List<ExpectedViolation> vs = evaluate(h);
            assertThat(rules(vs)).containsExactly(REPROMPT_AFTER_DENIAL);
            assertThat(vs.get(0).promptEventId()).isEqualTo(h.eventIdOf("p1"));
        }

        @Test
        void shouldExemptEssentialPromptsAfterAnInteractionButNotOnTheFirstScreen() {
            final HistoryBuilder h = refusedOnce().tap(HOME).prompt("p1", HOME, ACTION, DELIVERY, false)
                    .session("s2", HOME).prompt("p2", LOGIN, PAGE_LOAD, null, false);
            final List<ExpectedViolation> vs = evaluate(h);
            assertThat(vs).extracting(ExpectedViolation::promptEventId).containsOnly(h.eventIdOf("p2"));
            assertThat(rules(vs)).containsExactlyInAnyOrder(FIRST_SCREEN_PROMPT, REPROMPT_AFTER_DENIAL);
        }

        @Test
        void shouldTurnHighFromTheThirdReprompt() {
            final HistoryBuilder h = refusedOnce()
                    .session("s2", Duration.ofHours(2), HOME).tap(HOME).prompt("p1", HOME, ACTION, GOODS, false)
                    .session("s3", Duration.ofHours(2), HOME).tap(HOME).prompt("p2", HOME, ACTION, GOODS, false)
                    .session("s4", Duration.ofHours(2), HOME).tap(HOME).prompt("p3", HOME, ACTION, GOODS, false);
            final List<ExpectedViolation> vs = evaluate(h);
            assertThat(vs).extracting(ExpectedViolation::severity)
                    .containsExactly(Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH);
        }

        @Test
        void shouldNeedReviewForAnUnclassifiedReprompt() {
            final HistoryBuilder h = refusedOnce().tap(HOME).prompt("p1", HOME, ACTION, ABOUT, false);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.rule()).isEqualTo(REPROMPT_AFTER_DENIAL);
            assertThat(v.confidence()).isEqualTo(Confidence.NEEDS_REVIEW);
        }

        @Test
        void shouldCountTheRefusalFromItsResultTime() {
            // Given the refused prompt's result comes 2 h after the prompt, and the re-prompt 47 h after the result
            final HistoryBuilder h = user().session("s1", HOME).tap(HOME).prompt("p0", HOME, ACTION, GOODS, false)
                    .after(Duration.ofHours(2)).result("p0", DENIED)
                    .session("s2", Duration.ofHours(47), HOME).tap(HOME).prompt("p1", HOME, ACTION, GOODS, false);
            assertThat(rules(evaluate(h))).containsExactly(REPROMPT_AFTER_DENIAL);
        }
    }

    @Nested
    class Policies {

        @Test
        void shouldPreferTheAppsOwnRules() {
            final HistoryBuilder h = user().session("s1", GOODS_SPECIAL).prompt("p1", GOODS_SPECIAL, PAGE_LOAD, null, false);
            final ExpectedViolation v = only(evaluate(h));
            assertThat(v.category()).isEqualTo(PathCategory.ACCOUNT);
            assertThat(v.policyVersion()).isEqualTo(TestCatalog.APP_VERSION);
        }

        @Test
        void shouldFallBackToThePlatformDefaultAndThenToVersionZero() {
            final UserHistory h = user().session("s1", ABOUT).prompt("p1", ABOUT, PAGE_LOAD, null, false).build();
            assertThat(only(oracleWith(TestCatalog.platformDefault()).evaluate(h)).policyVersion())
                    .isEqualTo(TestCatalog.PLATFORM_VERSION);
            final ExpectedViolation none = only(oracleWith().evaluate(h));
            assertThat(none.policyVersion()).isZero();
            assertThat(none.category()).isEqualTo(PathCategory.UNCLASSIFIED);
        }

        @Test
        void shouldUseTheLastRecordOfAKey() {
            final ContractOracle o = oracleWith(TestCatalog.stalePlatformDefault(), TestCatalog.platformDefault());
            final UserHistory h = user().session("s1", HOME).prompt("p1", HOME, PAGE_LOAD, null, false).build();
            assertThat(only(o.evaluate(h)).category()).isEqualTo(PathCategory.ENTRY_HOME);
        }

        @Test
        void shouldMatchGlobsBySegment() {
            assertThat(OracleGlob.of("pages/category/*").matches(CATEGORY)).isTrue();
            assertThat(OracleGlob.of("pages/category/*").matches(CATEGORY_DEEP)).isFalse();
            assertThat(OracleGlob.of("pages/goods/**").matches("pages/goods/tea/green/detail")).isTrue();
            assertThat(OracleGlob.of("pages/*/detail").matches(GOODS)).isTrue();
            assertThat(OracleGlob.of("pages/*/detail").matches("pages/goods/tea/detail")).isFalse();
            assertThat(OracleGlob.of("pages/a.b").matches("pages/aXb")).isFalse();
            assertThat(OracleGlob.of("pages/index/index").matches("pages/index/index2")).isFalse();
        }
    }

    @Test
    void shouldIgnoreDeliveryOrderAndDuplicates() {
        // Given a history with two sessions, delivered shuffled with every event twice
        final UserHistory h = user().session("s1", HOME).view(HOME, false).prompt("p1", HOME, PAGE_LOAD, null, false)
                .result("p1", DENIED).session("s2", Duration.ofHours(3), HOME).tap(HOME).prompt("p2", HOME, ACTION, GOODS, true)
                .build();
        final List<TelemetryEvent> messy = new ArrayList<>(h.events());
        messy.addAll(h.events());
        Collections.shuffle(messy, new Random(42));
        // Then the oracle sees the same history
        assertThat(oracle.evaluate(new UserHistory(APP, "u-1", messy))).isEqualTo(oracle.evaluate(h));
        assertThat(rules(oracle.evaluate(h))).containsExactly(CONTENT_GATED_ENTRY, NON_ESSENTIAL_SECTION_PROMPT,
                REPROMPT_AFTER_DENIAL);
    }
}
