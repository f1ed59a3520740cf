package io.authwatch.rules;

import io.authwatch.internal.BufferedEvent;
import io.authwatch.internal.DetectionState;
import io.authwatch.internal.PendingPrompt;
import io.authwatch.internal.SessionState;
import io.authwatch.policy.PathPolicyCatalog;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Evidence;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The detection rules for one user of one app, as a state machine over {@link DetectionState}: a
 * processor loads the state, calls {@link #onEvent} for each new telemetry event or {@link #onTime}
 * when the state is due, and stores the state again. Nothing is kept in this object between calls,
 * so a restart that restores the state store resumes exactly.
 *
 * <p>Per event: duplicates (by eventId, remembered for {@code dedup.window} of wall-clock time) are
 * reported and otherwise ignored; the event is put in seq order within its session
 * ({@link SessionSequencer}) and each event reached is evaluated: it may decide pending prompts
 * ({@link Forcedness}), a prompt is judged by {@link PromptRules}, an answer updates the user's
 * refusals ({@link RefusalLedger}), and the session's context takes the event in. Then time-driven
 * work is done ({@link #onTime}).
 *
 * <p>Time-driven work, at wall-clock time {@code now}: gaps waited for {@code ordering.grace} are
 * skipped; sessions quiet for {@code rule.session-quiet} have their refused prompts decided with the
 * events seen so far (and, with nothing left pending, shed their recent-event context); and what can
 * no longer matter is dropped ({@link StateRetention}).
 */
public final class UserDetector {

    private final DetectionSettings settings;
    private final SessionSequencer sequencer;
    private final Forcedness forcedness;
    private final RefusalLedger ledger;
    private final PromptRules prompts;
    private final StateRetention retention;
    private final UserActivity activity;

    public UserDetector(DetectionSettings settings, PathPolicyCatalog catalog) {
        this.settings = settings;
        this.sequencer = new SessionSequencer(settings.orderingGraceMs());
        this.forcedness = new Forcedness(settings.forcedWindowMs());
        this.ledger = new RefusalLedger(settings.repromptCooldownMs());
        this.prompts = new PromptRules(catalog, ledger);
        this.retention = new StateRetention(settings, sequencer, ledger);
        this.activity = new UserActivity(settings.windows());
    }

    /** A fresh state for the user whose keyed hash is {@code userRef}. */
    public static DetectionState newState(String appId, String userRef) {
        return DetectionState.newBuilder().setAppId(appId).setUserRef(userRef).setSessions(new ArrayList<>())
                .setRefusals(new ArrayList<>()).setSeen(new ArrayList<>()).setActivityWindows(new ArrayList<>())
                .build();
    }

    /** Takes in a new telemetry event (already validated) that arrived at wall-clock time {@code now}. */
    public DetectorOutcome onEvent(DetectionState user, TelemetryEvent event, long recordTimestamp, long now) {
        final DetectorOutcome.Builder out = new DetectorOutcome.Builder();
        MutableLists.of(user);
        retention.forgetExpiredEventIds(user, now);
        if (!retention.rememberEventId(user, event.getEventId(), now)) {
            return out.duplicate().build();
        }
        out.eventType(TelemetryFacts.type(event));
        user.setLastArrivalWall(now);
        activity.onEvent(user, event).ifPresent(out::activity);
        final SessionState session = session(user, event.getSessionId(), now, out);
        session.setLastArrivalWall(now);
        session.setLastRecordTimestamp(recordTimestamp);
        final SessionSequencer.Released released = sequencer.accept(session, event, now, recordTimestamp);
        out.gaps(released.gapsSkipped());
        for (final BufferedEvent ready : released.events()) {
            evaluate(user, session, ready.getEvent(), recordTimestamp, out);
        }
        advance(user, now, out);
        return out.build();
    }

    /** Does the time-driven work due at wall-clock time {@code now}. */
    public DetectorOutcome onTime(DetectionState user, long now) {
        final DetectorOutcome.Builder out = new DetectorOutcome.Builder();
        MutableLists.of(user);
        advance(user, now, out);
        return out.build();
    }

    /** Whether nothing in {@code user} can matter any more, so the state can be deleted. */
    public boolean isEmpty(DetectionState user) {
        return retention.isEmpty(user);
    }

    /** The wall-clock time at which {@link #onTime} has work for {@code user}, or {@link Long#MAX_VALUE}. */
    public long nextDue(DetectionState user) {
        return retention.nextDue(user);
    }

    private void advance(DetectionState user, long now, DetectorOutcome.Builder out) {
        for (final SessionState session : new ArrayList<>(user.getSessions())) {
            final SessionSequencer.Released released = sequencer.expire(session, now);
            out.gaps(released.gapsSkipped());
            for (final BufferedEvent ready : released.events()) {
                evaluate(user, session, ready.getEvent(), session.getLastRecordTimestamp(), out);
            }
            if (session.getBuffer().isEmpty() && now - session.getLastArrivalWall() >= settings.sessionQuietMs()) {
                decideRefused(session, session.getLastRecordTimestamp(), out);
                retention.compactQuiet(session);
            }
            if (retention.canForget(session, now)) {
                user.getSessions().remove(session);
            }
        }
        retention.prune(user, now);
    }

    private void evaluate(DetectionState user, SessionState session, TelemetryEvent event, long decidingTs,
                          DetectorOutcome.Builder out) {
        final Evidence evidence = TelemetryFacts.evidence(event);
        user.setMaxEventTime(Math.max(user.getMaxEventTime(), TelemetryFacts.time(event)));
        observePending(session, event, evidence, decidingTs, out);
        if (event.getPayload() instanceof PhoneAuthPrompt prompt) {
            out.findings(prompts.evaluate(user, session, event, prompt, evidence, decidingTs));
        } else if (event.getPayload() instanceof PhoneAuthResult result) {
            ledger.answer(user, session.getSessionId(), result.getOutcome(), TelemetryFacts.time(event), evidence,
                    SessionContext.prompt(session, result.getPromptId()));
        }
        SessionContext.record(session, event, evidence);
    }

    private void observePending(SessionState session, TelemetryEvent event, Evidence evidence, long decidingTs,
                                DetectorOutcome.Builder out) {
        final Iterator<PendingPrompt> it = session.getPending().iterator();
        while (it.hasNext()) {
            final PendingPrompt pending = it.next();
            final Forcedness.Verdict verdict = forcedness.observe(pending, event, evidence);
            if (verdict == Forcedness.Verdict.FORCED) {
                out.finding(PromptRules.forced(pending, session.getSessionId(), decidingTs));
            }
            if (verdict != Forcedness.Verdict.WAITING) {
                it.remove();
            }
        }
    }

    /** Decides every refused prompt of a quiet (or closed) session with the events seen so far. */
    private void decideRefused(SessionState session, long decidingTs, DetectorOutcome.Builder out) {
        final Iterator<PendingPrompt> it = session.getPending().iterator();
        while (it.hasNext()) {
            final PendingPrompt pending = it.next();
            if (pending.getRefusal() != null) {
                if (forcedness.decide(pending)) {
                    out.finding(PromptRules.forced(pending, session.getSessionId(), decidingTs));
                }
                it.remove();
            }
        }
    }

    private SessionState session(DetectionState user, String sessionId, long now, DetectorOutcome.Builder out) {
        final List<SessionState> sessions = user.getSessions();
        for (final SessionState s : sessions) {
            if (s.getSessionId().equals(sessionId)) {
                return s;
            }
        }
        if (sessions.size() >= DetectionLimits.MAX_SESSIONS) {
            close(user, leastRecent(sessions), out);
        }
        final SessionState fresh = SessionState.newBuilder().setSessionId(sessionId).setLastArrivalWall(now)
                .setBuffer(new ArrayList<>()).setRecent(new ArrayList<>()).setPages(new ArrayList<>())
                .setPrompts(new ArrayList<>()).setPending(new ArrayList<>()).build();
        sessions.add(fresh);
        return fresh;
    }

    /** Makes room: evaluates whatever the session still buffers, decides its refused prompts, forgets it. */
    private void close(DetectionState user, SessionState session, DetectorOutcome.Builder out) {
        final SessionSequencer.Released released = sequencer.expire(session, Long.MAX_VALUE);
        out.gaps(released.gapsSkipped());
        for (final BufferedEvent ready : released.events()) {
            evaluate(user, session, ready.getEvent(), session.getLastRecordTimestamp(), out);
        }
        decideRefused(session, session.getLastRecordTimestamp(), out);
        user.getSessions().remove(session);
    }

    private static SessionState leastRecent(List<SessionState> sessions) {
        SessionState oldest = sessions.get(0);
        for (final SessionState s : sessions) {
            if (s.getLastArrivalWall() < oldest.getLastArrivalWall()) {
                oldest = s;
            }
        }
        return oldest;
    }
}
