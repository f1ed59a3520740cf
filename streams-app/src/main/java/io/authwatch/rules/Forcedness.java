package io.authwatch.rules;

import io.authwatch.internal.PendingPrompt;
import io.authwatch.policy.PagePaths;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import io.authwatch.violation.Evidence;

/**
 * Whether a non-blocking prompt was forced (CONTRACT.md section 4, "Forced"): it was refused, and
 * the session's events within {@code rule.forced-window} of event time after the refusal show that
 * the user was kept out of the decisive path.
 * <ul>
 *   <li>With a targetPath: at least one later event in the window, and none of them a PageView of
 *       the target with content visible or a UserInteraction on the target.</li>
 *   <li>Without one: in the window the prompt's page is shown with content not visible, or another
 *       page is shown with no UserInteraction since the refusal (a redirect); and the prompt's page
 *       is not shown with content visible.</li>
 * </ul>
 * The window holds the events after the refusal in seq order whose eventTime is at most the
 * refusal's plus the window (inclusive). The first answer to the prompt decides whether it was
 * refused; GRANTED or UNKNOWN end the matter. Paths are compared in {@link PagePaths} normal form.
 * A refusal with no later event in the window is not forced.
 */
final class Forcedness {

    /** What an event means for a pending prompt. */
    enum Verdict {
        /** Not decided yet. */
        WAITING,
        /** Decided: not forced (answered with other than a refusal, or the user got in). */
        NOT_FORCED,
        /** Decided: the window ended before this event and its events show the user was kept out. */
        FORCED
    }

    private final long windowMs;

    Forcedness(long windowMs) {
        this.windowMs = windowMs;
    }

    /** Takes the session's next event (in seq order) into account. */
    Verdict observe(PendingPrompt pending, TelemetryEvent event, Evidence evidence) {
        if (pending.getRefusal() == null) {
            return answer(pending, event, evidence);
        }
        final long refusedAt = pending.getRefusal().getEventTime().toEpochMilli();
        if (TelemetryFacts.time(event) - refusedAt > windowMs) {
            return decide(pending) ? Verdict.FORCED : Verdict.NOT_FORCED;
        }
        pending.setLaterEvents(pending.getLaterEvents() + 1);
        if (pending.getWindow().size() < DetectionLimits.MAX_WINDOW_EVIDENCE) {
            pending.getWindow().add(evidence);
        }
        final String target = PagePaths.normalize(pending.getTargetPath());
        return target != null ? towardTarget(target, event) : onPage(pending, event);
    }

    /** The decision with the window's events seen so far (the window ended, or the session went quiet). */
    boolean decide(PendingPrompt pending) {
        if (pending.getRefusal() == null) {
            return false;
        }
        if (pending.getTargetPath() != null) {
            return pending.getLaterEvents() > 0;
        }
        return pending.getBlankShown() || pending.getRedirected();
    }

    private static Verdict answer(PendingPrompt pending, TelemetryEvent event, Evidence evidence) {
        if (!(event.getPayload() instanceof PhoneAuthResult result)
                || !result.getPromptId().equals(pending.getPromptId())) {
            return Verdict.WAITING;
        }
        if (!TelemetryFacts.isRefusal(result.getOutcome())) {
            return Verdict.NOT_FORCED;
        }
        pending.setRefusal(evidence);
        pending.setOutcome(result.getOutcome().name());
        return Verdict.WAITING;
    }

    private static Verdict towardTarget(String target, TelemetryEvent event) {
        final Object payload = event.getPayload();
        if (payload instanceof PageView view && view.getContentVisible()
                && target.equals(PagePaths.normalize(view.getPath()))) {
            return Verdict.NOT_FORCED;
        }
        if (payload instanceof UserInteraction interaction
                && target.equals(PagePaths.normalize(interaction.getPath()))) {
            return Verdict.NOT_FORCED;
        }
        return Verdict.WAITING;
    }

    private static Verdict onPage(PendingPrompt pending, TelemetryEvent event) {
        final Object payload = event.getPayload();
        if (payload instanceof UserInteraction) {
            pending.setInteractedSinceRefusal(true);
        } else if (payload instanceof PageView view) {
            final boolean samePage = PagePaths.normalize(pending.getPath()).equals(PagePaths.normalize(view.getPath()));
            if (samePage && view.getContentVisible()) {
                return Verdict.NOT_FORCED;
            }
            if (samePage) {
                pending.setBlankShown(true);
            } else if (!pending.getInteractedSinceRefusal()) {
                pending.setRedirected(true);
            }
        }
        return Verdict.WAITING;
    }
}
