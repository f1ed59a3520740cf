package io.authwatch.simulator;

import java.util.List;

/**
 * Turns a story's declarations into ground-truth entries, adding what only the delivery plan knows:
 * which event's arrival lets the monitor decide (CONTRACT.md section 4 — immediately on the prompt
 * and its predecessors, when a later event of the session passes the forced window, or when the
 * session goes quiet).
 */
final class GroundTruthWriter {

    private GroundTruthWriter() {
    }

    static void record(GroundTruth truth, Story story, List<SessionDelivery> deliveries) {
        final long window = story.settings().forcedWindow().toMillis();
        for (final Story.Expectation e : story.expectations()) {
            final SessionWriter.Prompt p = e.prompt();
            final SessionWriter session = story.sessions().get(p.session());
            final SessionDelivery delivery = deliveries.get(p.session());
            final PlantedViolation.Decision decision;
            final SessionDelivery.Item deciding;
            if (e.windowRefusal() == null) {
                decision = PlantedViolation.Decision.IMMEDIATE;
                deciding = delivery.lastDeliveredUpTo(p.seq());
            } else {
                final long windowEnd = e.windowRefusal().time() + window;
                final long past = firstSeqAfter(session, e.windowRefusal().seq(), windowEnd);
                decision = past < 0 ? PlantedViolation.Decision.SESSION_QUIET : PlantedViolation.Decision.AFTER_WINDOW;
                deciding = delivery.lastDeliveredUpTo(past < 0 ? session.events().size() - 1 : past);
            }
            truth.add(new PlantedViolation(e.rule(), e.ruleCase(), story.app().appId(), p.sessionId(), p.eventId(),
                    p.time(), e.severity(), e.confidence(), e.category(), story.scenario(), decision,
                    deciding.event().getEventId()));
        }
        for (final Story.Mark m : story.marks()) {
            truth.add(new NearMiss(m.kind(), story.app().appId(), m.prompt().sessionId(), m.prompt().eventId(),
                    story.scenario()));
        }
    }

    /** The seq of the first event after {@code fromSeq} whose event time is past {@code time}, or -1. */
    private static long firstSeqAfter(SessionWriter session, long fromSeq, long time) {
        for (int k = (int) fromSeq + 1; k < session.events().size(); k++) {
            if (SessionDelivery.time(session.events().get(k)) > time) {
                return k;
            }
        }
        return -1;
    }
}
