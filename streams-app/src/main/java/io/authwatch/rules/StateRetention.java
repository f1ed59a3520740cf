package io.authwatch.rules;

import io.authwatch.internal.DetectionState;
import io.authwatch.internal.PendingPrompt;
import io.authwatch.internal.SeenEvent;
import io.authwatch.internal.SessionState;
import java.util.List;

/**
 * Keeps a user's state from growing without bound, and says when it next needs attention:
 * <ul>
 *   <li>a quiet session with nothing pending sheds its evidence context ({@link #compactQuiet});</li>
 *   <li>an eventId is remembered for {@code dedup.window} of wall-clock time after its first copy;</li>
 *   <li>a session is forgotten once it has been quiet for {@link DetectionSettings#sessionRetentionMs()}
 *       with nothing buffered and no refused prompt left to decide (unanswered prompts go with it);</li>
 *   <li>a refusal is forgotten once it is older than the cooldown before the user's latest event, or
 *       when the user has sent nothing for the cooldown (wall clock);</li>
 *   <li>the whole state is deleted when no session, refusal or remembered eventId is left and the
 *       re-prompt count is zero (the AppActivity windows go with it). A non-zero re-prompt count is
 *       kept, in a state otherwise empty, until the user's next GRANTED: rule 4 turns HIGH from the
 *       3rd re-prompt since the last GRANTED however long ago the earlier ones were, and a result
 *       must not depend on when the state happened to be dropped. Such a stub is a few dozen bytes,
 *       and only users that rule 4 has applied to have one.</li>
 * </ul>
 */
final class StateRetention {

    private final DetectionSettings settings;
    private final SessionSequencer sequencer;
    private final RefusalLedger ledger;

    StateRetention(DetectionSettings settings, SessionSequencer sequencer, RefusalLedger ledger) {
        this.settings = settings;
        this.sequencer = sequencer;
        this.ledger = ledger;
    }

    void forgetExpiredEventIds(DetectionState user, long now) {
        user.getSeen().removeIf(s -> now - s.getFirstSeenWall() >= settings.dedupWindowMs());
    }

    /** Remembers {@code eventId}; false when it was already remembered (a duplicate). */
    boolean rememberEventId(DetectionState user, String eventId, long now) {
        final long fingerprint = ViolationIds.fingerprint(eventId);
        final List<SeenEvent> seen = user.getSeen();
        for (final SeenEvent s : seen) {
            if (s.getFingerprint() == fingerprint) {
                return false;
            }
        }
        seen.add(SeenEvent.newBuilder().setFingerprint(fingerprint).setFirstSeenWall(now).build());
        while (seen.size() > DetectionLimits.MAX_SEEN) {
            seen.remove(0);
        }
        return true;
    }

    /**
     * Sheds what a quiet session with nothing pending keeps only as evidence context (its recent events
     * and prompts), so that the many finished sessions a user accumulates within the retention stay
     * small. Done when the user's state is next visited (its next event or a due sweep), not on a
     * schedule of its own. If the session resumes, evidence of its later prompts starts from its launch.
     */
    void compactQuiet(SessionState session) {
        if (session.getPending().isEmpty()) {
            session.getRecent().clear();
            session.getPrompts().clear();
        }
    }

    boolean canForget(SessionState session, long now) {
        return session.getBuffer().isEmpty() && !hasRefused(session)
                && now - session.getLastArrivalWall() >= settings.sessionRetentionMs();
    }

    void prune(DetectionState user, long now) {
        forgetExpiredEventIds(user, now);
        ledger.prune(user);
        if (now - user.getLastArrivalWall() >= settings.repromptCooldownMs()) {
            user.getRefusals().clear();
        }
    }

    boolean isEmpty(DetectionState user) {
        return user.getSessions().isEmpty() && user.getRefusals().isEmpty() && user.getSeen().isEmpty()
                && user.getRepromptCount() == 0;
    }

    long nextDue(DetectionState user) {
        long due = Long.MAX_VALUE;
        for (final SessionState s : user.getSessions()) {
            due = Math.min(due, sequencer.gapDeadline(s));
            if (hasRefused(s)) {
                due = Math.min(due, s.getLastArrivalWall() + settings.sessionQuietMs());
            }
            due = Math.min(due, s.getLastArrivalWall() + settings.sessionRetentionMs());
        }
        for (final SeenEvent s : user.getSeen()) {
            due = Math.min(due, s.getFirstSeenWall() + settings.dedupWindowMs());
        }
        if (!user.getRefusals().isEmpty()) {
            due = Math.min(due, user.getLastArrivalWall() + settings.repromptCooldownMs());
        }
        return due;
    }

    private static boolean hasRefused(SessionState session) {
        for (final PendingPrompt p : session.getPending()) {
            if (p.getRefusal() != null) {
                return true;
            }
        }
        return false;
    }
}
