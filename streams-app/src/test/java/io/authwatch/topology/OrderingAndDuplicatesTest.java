package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.ServiceMode;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions are evaluated in seq order whatever the arrival order; duplicates once; gaps skipped after the grace. */
class OrderingAndDuplicatesTest {

    private static final String HOME = "pages/index/index";
    private static final String MENU = "pages/menu/index";

    @TempDir
    Path stateDir;

    /** Two sessions of one user exercising rules 1.1, 2, 3 and 4. */
    private static List<Telemetry> history() {
        final Telemetry first = Telemetry.session("app-1", "user-1", "s1").at(Telemetry.T0.minus(Duration.ofHours(1)))
                .launch(HOME).page(HOME).prompt("p1", HOME, PAGE_LOAD).deny("p1").tap(HOME)
                .prompt("p2", HOME, NAVIGATION, "pages/category/list", false).dismiss("p2").page(HOME)
                .after(Duration.ofSeconds(40)).tap(HOME);
        final Telemetry second = Telemetry.session("app-1", "user-1", "s2").launch(MENU).page(MENU).tap(MENU)
                .order(MENU, ServiceMode.DINE_IN, OrderStage.CHECKOUT)
                .prompt("p3", MENU, ACTION, "pages/checkout/confirm", true).deny("p3").page(MENU);
        return List.of(first, second);
    }

    private List<Violation> run(Path dir, List<TelemetryEvent> arrival) {
        try (DetectionDriver driver = new DetectionDriver(dir)) {
            driver.pipe(arrival);
            driver.advanceWallClock(Duration.ofMinutes(1));
            final List<Violation> out = new ArrayList<>(driver.violations());
            out.sort(Comparator.comparing(Violation::getViolationId));
            return out;
        }
    }

    @Test
    void shouldGiveTheSameViolationsWhateverTheArrivalOrderWithinASession() {
        // Given the history delivered in order
        final List<TelemetryEvent> inOrder = new ArrayList<>();
        history().forEach(s -> inOrder.addAll(s.events()));
        final List<Violation> expected = run(stateDir.resolve("in-order"), inOrder);
        assertThat(expected).extracting(Violation::getRule).containsExactlyInAnyOrder(RuleId.FIRST_SCREEN_PROMPT,
                RuleId.NON_ESSENTIAL_SECTION_PROMPT, RuleId.REPROMPT_AFTER_DENIAL, RuleId.NON_ESSENTIAL_SCENE_PROMPT,
                RuleId.REPROMPT_AFTER_DENIAL);

        // When each session's events arrive shuffled, with duplicates
        final Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            final List<TelemetryEvent> arrival = new ArrayList<>();
            for (final Telemetry session : history()) {
                final List<TelemetryEvent> events = new ArrayList<>(session.events());
                events.add(events.get(random.nextInt(events.size())));
                events.add(events.get(random.nextInt(events.size())));
                Collections.shuffle(events, random);
                arrival.addAll(events);
            }

            // Then the violations are identical, evidence and all
            assertThat(run(stateDir.resolve("round-" + round), arrival)).isEqualTo(expected);
        }
    }

    @Test
    void shouldEvaluateDuplicatesOnceAndCountThem() {
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            // Given a first-screen popup whose events were each sent twice, and the prompt a third time later
            final Telemetry visit = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME)
                    .prompt("p1", HOME, PAGE_LOAD);
            visit.events().forEach(e -> driver.pipe(List.of(e, e)));
            driver.advanceWallClock(Duration.ofMinutes(30));
            driver.pipe(List.of(visit.event(2)));

            // Then one violation, and the copies counted
            assertThat(driver.violations()).hasSize(1);
            assertThat(driver.counter("authwatch_duplicate_events")).isEqualTo(4);
            assertThat(driver.counter("authwatch_events", "type", "PhoneAuthPrompt")).isEqualTo(1);
            assertThat(driver.counter("authwatch_events", "type", "AppLaunch")).isEqualTo(1);
        }
    }

    @Test
    void shouldWaitForAMissingEventWithinTheGrace() {
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            // Given the tap before a page-load prompt arrives after the prompt, within ordering.grace
            final Telemetry visit = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                    .prompt("p1", HOME, PAGE_LOAD);
            driver.pipe(List.of(visit.event(0), visit.event(1), visit.event(3)));
            driver.advanceWallClock(Duration.ofSeconds(5));
            driver.pipe(List.of(visit.event(2)));
            driver.advanceWallClock(Duration.ofMinutes(1));

            // Then the prompt came after an interaction: not a first-screen prompt, and no gap
            assertThat(driver.violations()).isEmpty();
            assertThat(driver.counter("authwatch_sequence_gaps")).isZero();
        }
    }

    @Test
    void shouldSkipAGapAfterTheGraceAndCountIt() {
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            // Given the tap never arrives
            final Telemetry visit = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                    .prompt("p1", HOME, PAGE_LOAD);
            driver.pipe(List.of(visit.event(0), visit.event(1), visit.event(3)));

            // When less than the grace passes, nothing is decided
            driver.advanceWallClock(Duration.ofSeconds(5));
            assertThat(driver.violations()).isEmpty();

            // When the grace (10 s of wall clock) has passed and the sweep runs
            driver.advanceWallClock(Duration.ofSeconds(6));

            // Then the gap is skipped and counted, and the prompt is evaluated without the tap
            assertThat(driver.violations()).extracting(Violation::getRule).containsExactly(RuleId.FIRST_SCREEN_PROMPT);
            assertThat(driver.counter("authwatch_sequence_gaps")).isEqualTo(1);

            // When the tap finally arrives, it is evaluated late but changes no decision made
            driver.pipe(List.of(visit.event(2)));
            assertThat(driver.violations()).isEmpty();
        }
    }

    @Test
    void shouldEvaluateBufferedEventsWhenTheGapFills() {
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            // Given everything but the launch arrives first
            final Telemetry visit = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME)
                    .prompt("p1", HOME, PAGE_LOAD);
            driver.pipe(List.of(visit.event(1), visit.event(2)));
            assertThat(driver.violations()).isEmpty();

            // When the launch arrives
            driver.pipe(List.of(visit.event(0)));

            // Then
            assertThat(driver.violations()).extracting(Violation::getRule).containsExactly(RuleId.FIRST_SCREEN_PROMPT);
        }
    }
}
