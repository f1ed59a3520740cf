package io.authwatch.rules;

import io.authwatch.internal.DetectionState;
import io.authwatch.internal.Refusal;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.violation.Evidence;
import java.util.List;

/**
 * A user's refusals for rule 4 (CONTRACT.md section 4), kept in {@link DetectionState}. A refusal
 * (DENIED or DISMISSED) counts for the prompts evaluated after it whose eventTime is at or after the
 * refusal's and within {@code rule.reprompt.cooldown} of it. A GRANTED clears every refusal at or
 * before its eventTime (and a refusal arriving later with an earlier eventTime is already cleared),
 * and restarts the count of re-prompts that decides rule 4's severity.
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
            user.getRefusals().removeIf(r -> r.getTime() <= time);
            final Long last = user.getLastGrantedTime();
            user.setLastGrantedTime(last == null ? time : Math.max(last, time));
            user.setRepromptCount(0);
        } else if (TelemetryFacts.isRefusal(outcome)) {
            final Long granted = user.getLastGrantedTime();
            if (granted != null && time < granted) {
                return;
            }
            final List<Refusal> refusals = user.getRefusals();
            refusals.add(Refusal.newBuilder().setTime(time).setSessionId(sessionId).setOutcome(outcome.name())
                    .setResult(result).setPrompt(prompt).build());
            refusals.sort((a, b) -> Long.compare(a.getTime(), b.getTime()));
            while (refusals.size() > DetectionLimits.MAX_REFUSALS) {
                refusals.remove(0);
            }
        }
    }

    /** The latest refusal that counts for a prompt at {@code promptTime}, or {@code null}. */
    Refusal applicable(DetectionState user, long promptTime) {
        Refusal latest = null;
        for (final Refusal r : user.getRefusals()) {
            if (r.getTime() <= promptTime && promptTime - r.getTime() <= cooldownMs
                    && (latest == null || r.getTime() >= latest.getTime())) {
                latest = r;
            }
        }
        return latest;
    }

    /** Counts one more prompt rule 4 applied to and returns the count since the last GRANTED. */
    int countReprompt(DetectionState user) {
        user.setRepromptCount(user.getRepromptCount() + 1);
        return user.getRepromptCount();
    }

    /** Drops refusals that can no longer count: older than the cooldown before the user's latest event. */
    void prune(DetectionState user) {
        final long horizon = user.getMaxEventTime() - cooldownMs;
        user.getRefusals().removeIf(r -> r.getTime() < horizon);
    }
}
