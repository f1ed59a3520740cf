package io.authwatch.oracle;

import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.InteractionKind;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import java.util.List;

/**
 * The shape of a generated scenario, before it becomes events: jqwik generates and shrinks these
 * plain values, and {@link Scenario#of(ScenarioSpec)} turns them into telemetry. Times are counted in
 * {@link Scenario#TICK_MS} units so that no two events ever lie exactly a forced-window or a
 * cooldown apart: the contract does not say whether those bounds are inclusive.
 */
record ScenarioSpec(boolean stalePlatformPolicyFirst, List<AppSpec> apps) {

    record AppSpec(boolean ownPolicy, List<UserSpec> users) {
    }

    record UserSpec(long startTicks, List<SessionSpec> sessions) {
    }

    /** A session opened {@code gapTicks} after the user's previous event (or start). */
    record SessionSpec(long gapTicks, int entryPath, LaunchView launchView, List<StepSpec> steps) {
    }

    /** Whether the entry page is reported right after the AppLaunch, and how. */
    enum LaunchView { NONE, VISIBLE, BLANK }

    /** Where an event's path comes from: the page shown last, the last prompt's target, or a fixed path. */
    record PathChoice(Kind kind, int fixed) {
        enum Kind { CURRENT, LAST_TARGET, FIXED }

        @Override
        public String toString() {
            return kind == Kind.FIXED ? TestCatalog.PATHS.get(fixed) : kind.name();
        }
    }

    /** One event after the launch, {@code gapTicks} after the previous one. */
    sealed interface StepSpec permits View, Interact, Prompt, Order {
        long gapTicks();
    }

    record View(long gapTicks, PathChoice path, boolean contentVisible) implements StepSpec {
    }

    record Interact(long gapTicks, PathChoice path, InteractionKind kind) implements StepSpec {
    }

    /** A prompt, answered {@code resultGapTicks} later with {@code outcome} (no answer when null). */
    record Prompt(long gapTicks, PathChoice path, PromptTrigger trigger, PathChoice target, boolean blocking,
            AuthOutcome outcome, long resultGapTicks) implements StepSpec {
    }

    record Order(long gapTicks, PathChoice path, ServiceMode mode, OrderStage stage) implements StepSpec {
    }
}
