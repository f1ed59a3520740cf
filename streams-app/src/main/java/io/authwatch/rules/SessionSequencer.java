package io.authwatch.rules;

import io.authwatch.internal.BufferedEvent;
import io.authwatch.internal.SessionState;
import io.authwatch.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a session's events in seq order (CONTRACT.md section 4). An event ahead of the next expected
 * seq waits in the session's buffer; a gap is waited for at most {@code ordering.grace} of wall-clock
 * time from the arrival of the earliest event waiting behind it, then skipped (and counted). Events
 * with equal seq (different eventIds) are evaluated in eventId order. An event whose seq was already
 * passed (it arrived after its gap was skipped) is evaluated on arrival, since dropping it would lose
 * evidence.
 */
final class SessionSequencer {

    private static final Comparator<BufferedEvent> ORDER = Comparator
            .comparingLong((BufferedEvent b) -> b.getEvent().getSeq())
            .thenComparing(b -> b.getEvent().getEventId());

    /** Events ready for evaluation, in order, and the number of gaps skipped to reach them. */
    record Released(List<BufferedEvent> events, int gapsSkipped) {
    }

    private final long graceMs;

    SessionSequencer(long graceMs) {
        this.graceMs = graceMs;
    }

    /** Takes a new event of the session and releases what can now be evaluated. */
    Released accept(SessionState session, TelemetryEvent event, long arrivalWall, long recordTimestamp) {
        final BufferedEvent buffered = BufferedEvent.newBuilder().setEvent(event).setArrivalWall(arrivalWall)
                .setRecordTimestamp(recordTimestamp).build();
        if (event.getSeq() < session.getNextSeq()) {
            return new Released(List.of(buffered), 0);
        }
        final List<BufferedEvent> buffer = session.getBuffer();
        int at = 0;
        while (at < buffer.size() && ORDER.compare(buffer.get(at), buffered) <= 0) {
            at++;
        }
        buffer.add(at, buffered);
        final List<BufferedEvent> out = new ArrayList<>();
        drain(session, out);
        int gaps = 0;
        while (buffer.size() > DetectionLimits.MAX_BUFFERED_EVENTS) {
            skipGap(session, out);
            gaps++;
        }
        return new Released(out, gaps);
    }

    /** Skips every gap that has been waited for long enough at wall-clock time {@code now}. */
    Released expire(SessionState session, long now) {
        final List<BufferedEvent> out = new ArrayList<>();
        int gaps = 0;
        while (!session.getBuffer().isEmpty() && gapDeadline(session) <= now) {
            skipGap(session, out);
            gaps++;
        }
        return new Released(out, gaps);
    }

    /** When the current gap is skipped (wall clock), or {@link Long#MAX_VALUE} when nothing waits. */
    long gapDeadline(SessionState session) {
        long earliest = Long.MAX_VALUE;
        for (final BufferedEvent b : session.getBuffer()) {
            earliest = Math.min(earliest, b.getArrivalWall());
        }
        return earliest == Long.MAX_VALUE ? earliest : earliest + graceMs;
    }

    private static void skipGap(SessionState session, List<BufferedEvent> out) {
        session.setNextSeq(session.getBuffer().get(0).getEvent().getSeq());
        drain(session, out);
    }

    private static void drain(SessionState session, List<BufferedEvent> out) {
        final List<BufferedEvent> buffer = session.getBuffer();
        while (!buffer.isEmpty() && buffer.get(0).getEvent().getSeq() == session.getNextSeq()) {
            while (!buffer.isEmpty() && buffer.get(0).getEvent().getSeq() == session.getNextSeq()) {
                out.add(buffer.remove(0));
            }
            session.setNextSeq(session.getNextSeq() + 1);
        }
    }
}
