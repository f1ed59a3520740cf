package io.authwatch.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generator meant, derived from its own scripts (never from the monitor's rule code): the
 * violations it planted, the compliant near-misses, and counts of what it delivered. Complete once
 * the generator's iterator is exhausted; filled by the generator's thread.
 */
public final class GroundTruth {

    private final List<PlantedViolation> violations = new ArrayList<>();
    private final List<NearMiss> nearMisses = new ArrayList<>();
    private final Map<String, Long> visitsByScenario = new TreeMap<>();
    private long events;
    private long duplicates;
    private long displaced;
    private long sessions;
    private long demotedVisits;

    void add(PlantedViolation violation) {
        violations.add(violation);
    }

    void add(NearMiss nearMiss) {
        nearMisses.add(nearMiss);
    }

    void countVisit(String scenario, int sessionCount) {
        visitsByScenario.merge(scenario, 1L, Long::sum);
        sessions += sessionCount;
    }

    void countDemoted() {
        demotedVisits++;
    }

    void countDelivery(EventLabel label) {
        if (label.duplicate()) {
            duplicates++;
        } else {
            events++;
        }
        if (label.displaced()) {
            displaced++;
        }
    }

    /** The planted violations, in planning order. */
    public List<PlantedViolation> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** The compliant near-miss prompts, in planning order. */
    public List<NearMiss> nearMisses() {
        return Collections.unmodifiableList(nearMisses);
    }

    /** The planted violations by {@link PlantedViolation#matchKey()}. */
    public Map<String, PlantedViolation> byMatchKey() {
        final Map<String, PlantedViolation> out = new HashMap<>();
        violations.forEach(v -> out.put(v.matchKey(), v));
        return out;
    }

    /** The near-misses by prompt eventId. */
    public Map<String, NearMiss> nearMissesByPrompt() {
        final Map<String, NearMiss> out = new HashMap<>();
        nearMisses.forEach(n -> out.put(n.promptEventId(), n));
        return out;
    }

    /** Visits planned, by scenario label. */
    public Map<String, Long> visitsByScenario() {
        return Collections.unmodifiableMap(visitsByScenario);
    }

    /** Distinct events delivered so far (duplicates not counted). */
    public long events() {
        return events;
    }

    /** Retried copies delivered so far. */
    public long duplicates() {
        return duplicates;
    }

    /** Events (first copies and duplicates) delivered after later events of their session. */
    public long displaced() {
        return displaced;
    }

    /**
     * Visits planned with prompts that became ordinary visits because no free user without a
     * standing refusal was found (high with few users per app; the shares then fall short).
     */
    public long demotedVisits() {
        return demotedVisits;
    }

    /** Sessions planned. */
    public long sessions() {
        return sessions;
    }
}
