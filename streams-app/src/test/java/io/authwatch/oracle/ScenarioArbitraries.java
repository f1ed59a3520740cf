package io.authwatch.oracle;

import io.authwatch.oracle.ScenarioSpec.AppSpec;
import io.authwatch.oracle.ScenarioSpec.Interact;
import io.authwatch.oracle.ScenarioSpec.LaunchView;
import io.authwatch.oracle.ScenarioSpec.Order;
import io.authwatch.oracle.ScenarioSpec.PathChoice;
import io.authwatch.oracle.ScenarioSpec.Prompt;
import io.authwatch.oracle.ScenarioSpec.SessionSpec;
import io.authwatch.oracle.ScenarioSpec.StepSpec;
import io.authwatch.oracle.ScenarioSpec.UserSpec;
import io.authwatch.oracle.ScenarioSpec.View;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.InteractionKind;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random but meaningful histories: one or two apps (one with its own policy or not), one to three
 * users each, one to four sessions per user opening with an AppLaunch, then page views (shown or
 * blank), interactions, prompts of every trigger with or without a target and blocking or not,
 * answered with every outcome or not at all, and ordering scenes of every service mode. Paths mostly
 * follow the user (the page shown last, the last prompt's target) so that prompts meet the pages
 * and targets they concern. Gaps within a session sometimes exceed the 30 s forced-window; gaps
 * between sessions range from minutes to days, around the 48 h cooldown.
 */
final class ScenarioArbitraries {

    private static final int MAX_STEPS = 10;

    private ScenarioArbitraries() {
    }

    static Arbitrary<Scenario> scenarios() {
        return specs().map(Scenario::of);
    }

    static Arbitrary<ScenarioSpec> specs() {
        final Arbitrary<List<AppSpec>> apps = app().list().ofMinSize(1).ofMaxSize(2).withoutEdgeCases();
        return Combinators.combine(Arbitraries.of(true, false), apps)
                .as(ScenarioSpec::new);
    }

    private static Arbitrary<AppSpec> app() {
        return Combinators.combine(Arbitraries.of(true, false), user().list().ofMinSize(1).ofMaxSize(3).withSizeDistribution(RandomDistribution.uniform()).withoutEdgeCases()).as(AppSpec::new);
    }

    private static Arbitrary<UserSpec> user() {
        final Arbitrary<Long> start = Arbitraries.longs().between(0, ticks(Duration.ofHours(1)));
        return Combinators.combine(start, session().list().ofMinSize(1).ofMaxSize(4).withSizeDistribution(RandomDistribution.uniform()).withoutEdgeCases()).as(UserSpec::new);
    }

    private static Arbitrary<SessionSpec> session() {
        final Arbitrary<Integer> entry = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(TestCatalog.PATHS.indexOf(TestCatalog.HOME))),
                Tuple.of(2, Arbitraries.integers().between(0, TestCatalog.PATHS.size() - 1)));
        return Combinators.combine(sessionGap(), entry, Arbitraries.of(LaunchView.class),
                step().list().ofMaxSize(MAX_STEPS).withSizeDistribution(RandomDistribution.uniform()).withoutEdgeCases()).as(SessionSpec::new);
    }

    private static Arbitrary<StepSpec> step() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, view()),
                Tuple.of(3, interact()),
                Tuple.of(4, prompt()),
                Tuple.of(2, order()));
    }

    private static Arbitrary<StepSpec> view() {
        return Combinators.combine(eventGap(), path(), Arbitraries.of(true, true, false)).as(View::new);
    }

    private static Arbitrary<StepSpec> interact() {
        return Combinators.combine(eventGap(), path(), Arbitraries.of(InteractionKind.class)).as(Interact::new);
    }

    private static Arbitrary<StepSpec> order() {
        final Arbitrary<ServiceMode> mode = Arbitraries.frequency(Tuple.of(3, ServiceMode.DINE_IN),
                Tuple.of(3, ServiceMode.PICKUP), Tuple.of(1, ServiceMode.DELIVERY), Tuple.of(1, ServiceMode.ONLINE),
                Tuple.of(1, ServiceMode.UNKNOWN));
        return Combinators.combine(eventGap(), path(), mode, Arbitraries.of(OrderStage.class)).as(Order::new);
    }

    private static Arbitrary<StepSpec> prompt() {
        final Arbitrary<PromptTrigger> trigger = Arbitraries.frequency(Tuple.of(3, PromptTrigger.PAGE_LOAD),
                Tuple.of(2, PromptTrigger.NAVIGATION), Tuple.of(2, PromptTrigger.ACTION),
                Tuple.of(1, PromptTrigger.USER_REQUEST), Tuple.of(1, PromptTrigger.UNKNOWN));
        final Arbitrary<AuthOutcome> outcome = Arbitraries.frequency(Tuple.of(2, AuthOutcome.GRANTED),
                Tuple.of(3, AuthOutcome.DENIED), Tuple.of(2, AuthOutcome.DISMISSED), Tuple.of(1, AuthOutcome.UNKNOWN))
                .injectNull(0.2);
        final Arbitrary<Long> answerGap = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(1, ticks(Duration.ofSeconds(10)))),
                Tuple.of(1, Arbitraries.longs().between(1, ticks(Duration.ofSeconds(70)))));
        return Combinators.combine(eventGap(), path(), trigger, path().injectNull(0.45), Arbitraries.of(false, false, true),
                outcome, answerGap).as(Prompt::new);
    }

    private static Arbitrary<PathChoice> path() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new PathChoice(PathChoice.Kind.CURRENT, 0))),
                Tuple.of(1, Arbitraries.just(new PathChoice(PathChoice.Kind.LAST_TARGET, 0))),
                Tuple.of(4, Arbitraries.integers().between(0, TestCatalog.PATHS.size() - 1)
                        .map(i -> new PathChoice(PathChoice.Kind.FIXED, i))));
    }

    /** Mostly seconds; sometimes beyond the 30 s forced-window. */
    private static Arbitrary<Long> eventGap() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(1, ticks(Duration.ofSeconds(10)))),
                Tuple.of(2, Arbitraries.longs().between(ticks(Duration.ofSeconds(10)), ticks(Duration.ofSeconds(30)))),
                Tuple.of(2, Arbitraries.longs().between(ticks(Duration.ofSeconds(30)) + 1, ticks(Duration.ofSeconds(65)))));
    }

    /** Minutes to days between a user's sessions, often around the 48 h cooldown. */
    private static Arbitrary<Long> sessionGap() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(ticks(Duration.ofMinutes(1)), ticks(Duration.ofHours(2)))),
                Tuple.of(3, Arbitraries.longs().between(ticks(Duration.ofHours(2)), ticks(Duration.ofHours(40)))),
                Tuple.of(3, Arbitraries.longs().between(ticks(Duration.ofHours(44)), ticks(Duration.ofHours(52)))),
                Tuple.of(1, Arbitraries.longs().between(ticks(Duration.ofDays(3)), ticks(Duration.ofDays(6)))));
    }

    private static long ticks(Duration d) {
        return d.toMillis() / Scenario.TICK_MS;
    }
}
