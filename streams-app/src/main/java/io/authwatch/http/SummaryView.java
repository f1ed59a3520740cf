package io.authwatch.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * {@code GET /api/summary}: the contract counters since each instance started, summed over the
 * instances that answered. Rates (events per second) are the reader's difference of two summaries.
 * {@code zone} is {@code enforce.zone}, the zone the enforcement windows (and the console's times) are in.
 */
public record SummaryView(Instant generatedAt, String zone, int instances, int unreachableInstances,
        Map<String, Double> eventsByType, Map<String, Double> violationsByRule,
        Map<String, Double> violationsBySeverity, Map<String, Double> actionsByTier,
        double duplicateEvents, double sequenceGaps, double lateEvents, double dlqRecords) {

    /** This instance's counters. */
    static SummaryView local(MeterRegistry registry, Instant now, String zone) {
        return new SummaryView(now, zone, 1, 0,
                byTag(registry, "authwatch_events", "type"),
                byTag(registry, "authwatch_violations", "rule"),
                byTag(registry, "authwatch_violations", "severity"),
                byTag(registry, "authwatch_enforcement_actions", "action"),
                total(registry, "authwatch_duplicate_events"),
                total(registry, "authwatch_sequence_gaps"),
                total(registry, "authwatch_late_events"),
                total(registry, "authwatch_dlq_records"));
    }

    /** The sum of two instances' summaries. */
    SummaryView plus(SummaryView other) {
        return new SummaryView(generatedAt, zone, instances + other.instances,
                unreachableInstances + other.unreachableInstances,
                merge(eventsByType, other.eventsByType), merge(violationsByRule, other.violationsByRule),
                merge(violationsBySeverity, other.violationsBySeverity), merge(actionsByTier, other.actionsByTier),
                duplicateEvents + other.duplicateEvents, sequenceGaps + other.sequenceGaps,
                lateEvents + other.lateEvents, dlqRecords + other.dlqRecords);
    }

    /** This summary with {@code n} more instances that did not answer. */
    SummaryView withUnreachable(int n) {
        return new SummaryView(generatedAt, zone, instances, unreachableInstances + n, eventsByType, violationsByRule,
                violationsBySeverity, actionsByTier, duplicateEvents, sequenceGaps, lateEvents, dlqRecords);
    }

    private static Map<String, Double> byTag(MeterRegistry registry, String name, String tag) {
        final Map<String, Double> out = new TreeMap<>();
        for (final Counter c : registry.find(name).counters()) {
            final String key = c.getId().getTag(tag);
            if (key != null) {
                out.merge(key, c.count(), Double::sum);
            }
        }
        return out;
    }

    private static double total(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Map<String, Double> merge(Map<String, Double> a, Map<String, Double> b) {
        final Map<String, Double> out = new TreeMap<>(a);
        final BinaryOperator<Double> sum = Double::sum;
        b.forEach((k, v) -> out.merge(k, v, sum));
        return out;
    }
}
