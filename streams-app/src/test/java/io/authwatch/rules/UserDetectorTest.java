package io.authwatch.rules;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.authwatch.enforcement.EnforcementWindows;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.internal.AppActivity;
import io.authwatch.internal.DetectionState;
import io.authwatch.policy.PathPolicyCatalog;
import io.authwatch.registry.SingleObjectAvroSerde;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.RuleId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules as a plain state machine, driven without Kafka. */
class UserDetectorTest {

    private static final String HOME = "pages/index/index";
    private static final long NOW = Telemetry.T0.plusSeconds(5).toEpochMilli();

    private final DetectionSettings settings = new DetectionSettings(10_000, 3_600_000, 30_000, 30_000, 5_000,
            48 * 3_600_000L, new EnforcementWindows(Duration.ofDays(1), ZoneId.of("Asia/Shanghai")));
    private final UserDetector detector = new UserDetector(settings, new PathPolicyCatalog(appId -> null));
    private final SingleObjectAvroSerde<DetectionState> serde =
            new SingleObjectAvroSerde<>(DetectionState.getEncoder(), DetectionState.getDecoder());

    private static List<TelemetryEvent> history() {
        final List<TelemetryEvent> events = new ArrayList<>();
        events.addAll(Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME).prompt("p1", HOME, PAGE_LOAD)
                .deny("p1").tap(HOME).prompt("p2", HOME, NAVIGATION, "pages/category/list", false).dismiss("p2")
                .page(HOME).events());
        events.addAll(Telemetry.session("app-1", "user-1", "s2").at(Telemetry.T0.plusSeconds(60)).launch(HOME)
                .page(HOME).tap(HOME).prompt("p3", HOME, ACTION, "pages/goods/detail", true).events());
        return events;
    }

    private List<Finding> run(List<TelemetryEvent> events, boolean reloadBetweenSteps) {
        final List<Finding> findings = new ArrayList<>();
        DetectionState state = UserDetector.newState("app-1", "ref");
        long now = NOW;
        for (final TelemetryEvent event : events) {
            findings.addAll(detector.onEvent(state, event, now, now).findings());
            if (reloadBetweenSteps) {
                state = serde.deserialize("t", serde.serialize("t", state));
            }
            now += 100;
        }
        findings.addAll(detector.onTime(state, now + 60_000).findings());
        return findings;
    }

    @Test
    void shouldDecideTheSameWhenTheStateIsStoredAndReloadedBetweenSteps() {
        // Given the same history, once in memory and once stored and reloaded after every step (a restart)
        final List<Finding> inMemory = run(history(), false);
        final List<Finding> reloaded = run(history(), true);

        // Then the decisions are identical: nothing is kept outside the state
        // (p1: 1.1; p2: 4 at once, 2 when s1 goes quiet; p3: 2 and 4 at once)
        assertThat(inMemory).extracting(Finding::rule, Finding::promptEventId).containsExactly(
                tuple(RuleId.FIRST_SCREEN_PROMPT, "s1-2"), tuple(RuleId.REPROMPT_AFTER_DENIAL, "s1-5"),
                tuple(RuleId.NON_ESSENTIAL_SECTION_PROMPT, "s2-3"), tuple(RuleId.REPROMPT_AFTER_DENIAL, "s2-3"),
                tuple(RuleId.NON_ESSENTIAL_SECTION_PROMPT, "s1-5"));
        assertThat(reloaded).isEqualTo(inMemory);
    }

    @Test
    void shouldReportActivityOncePerEnforcementWindow() {
        // Given two launches on the same day and one on the next (Asia/Shanghai)
        final DetectionState state = UserDetector.newState("app-1", "ref");
        final List<AppActivity> activity = new ArrayList<>();
        final TelemetryEvent first = Telemetry.session("app-1", "user-1", "a").launch(HOME).last();
        final TelemetryEvent second = Telemetry.session("app-1", "user-1", "b").at(Telemetry.T0.plusSeconds(3600))
                .launch(HOME).last();
        final TelemetryEvent nextDay = Telemetry.session("app-1", "user-1", "c").at(Telemetry.T0.plus(Duration.ofHours(23)))
                .launch(HOME).last();

        // When
        for (final TelemetryEvent launch : List.of(first, second, nextDay)) {
            activity.addAll(detector.onEvent(state, launch, NOW, NOW).activity());
        }

        // Then
        assertThat(activity).extracting(AppActivity::getEventTime)
                .containsExactly(first.getEventTime(), nextDay.getEventTime());
        assertThat(activity).allSatisfy(a -> assertThat(a.getUserRef()).isEqualTo("ref"));
    }

    @Test
    void shouldBoundTheBufferOfASessionWithAnEndlessGap() {
        // Given a client that skips seq 0 and then floods
        final DetectionState state = UserDetector.newState("app-1", "ref");
        final Telemetry flood = Telemetry.session("app-1", "user-1", "s1").launch(HOME);
        for (int i = 0; i < 400; i++) {
            flood.page(HOME);
        }
        int gaps = 0;
        for (final TelemetryEvent event : flood.events().subList(1, flood.events().size())) {
            gaps += detector.onEvent(state, event, NOW, NOW).gapsSkipped();
        }

        // Then the gap was given up on once the buffer was full, and nothing is left waiting
        assertThat(gaps).isEqualTo(1);
        assertThat(state.getSessions().get(0).getBuffer()).isEmpty();
        assertThat(state.getSessions().get(0).getNextSeq()).isEqualTo(401);
    }
}
