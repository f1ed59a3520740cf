package io.authwatch.rules;

import io.authwatch.internal.DetectionState;
import io.authwatch.internal.Refusal;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.violation.Evidence;
import java.util.List;

/**
 * A user's refusals for rule 4 (CONTRACT.md section 4), kept in {@link DetectionState} in the order
 * they were evaluated. "Before P" and "since" are read in evaluation order, as the contract says
 * across sessions ("a refusal counts for the prompts that are evaluated after it"): a refusal
 * (DENIED or DISMISSED) counts for a prompt evaluated after it when the prompt's eventTime is at, or at most
 * {@code rule.reprompt.cooldown} after, the refusal's; a GRANTED clears every refusal evaluated before
 * it and restarts the count of re-prompts that decides rule 4's severity.
 */
final class RefusalLedger {

    private final long cooldownMs;

    RefusalLedger(long cooldownMs) {
        this.cooldownMs = cooldownMs;
    }

    /** Records the answer {@code outcome} given at {@code time}; {@code prompt} is the answered prompt if seen. */
    void answer(DetectionState user, String sessionId, AuthOutcome outcome, long time, Evidence result,
                Evidence prompt) {
        if (outcome == AuthOutcome.GRANTED) {
            user.getRefusals().clear();
            user.setRepromptCount(0);
        } else if (TelemetryFacts.isRefusal(outcome)) {
            final List<Refusal> refusals = user.getRefusals();
            refusals.add(Refusal.newBuilder().setTime(time).setSessionId(sessionId).setOutcome(outcome.name())
                    .setResult(result).setPrompt(prompt).build());
            while (refusals.size() > DetectionLimits.MAX_REFUSALS) {
                refusals.remove(0);
            }
        }
    }

    /**
     * The latest refusal (in evaluation order) that counts for a prompt at {@code promptTime} in
     * session {@code sessionId}, or {@code null}. Within the session seq order says what came before;
     * a refusal of another session evaluated earlier but given later in event time (a session uploaded
     * out of order) was not "before P", so it does not count.
     */
    Refusal applicable(DetectionState user, long promptTime, String sessionId) {
        final List<Refusal> refusals = user.getRefusals();
        for (int i = refusals.size() - 1; i >= 0; i--) {
            final Refusal refusal = refusals.get(i);
            final long sinceRefusal = promptTime - refusal.getTime();
            final boolean before = sinceRefusal >= 0 || refusal.getSessionId().equals(sessionId);
            if (before && sinceRefusal <= cooldownMs) {
                return refusal;
            }
        }
        return null;
    }

    /** Counts one more prompt rule 4 applied to and returns the count since the last GRANTED. */
    int countReprompt(DetectionState user) {
        user.setRepromptCount(user.getRepromptCount() + 1);
        return user.getRepromptCount();
    }

    /**
     * Drops refusals that can no longer count: older than the cooldown before the user's latest
     * evaluated event (a prompt evaluated later with an even earlier eventTime is not expected).
     */
    void prune(DetectionState user) {
        final long horizon = user.getMaxEventTime() - cooldownMs;
        user.getRefusals().removeIf(r -> r.getTime() < horizon);
    }
}
