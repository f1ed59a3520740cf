package io.authwatch.rules;

import io.authwatch.violation.Evidence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Assembles a violation's evidence: each event once, in event-time order (events with equal times in
 * the order added, which callers keep to seq order), at most {@value DetectionLimits#MAX_EVIDENCE}.
 * Events added with {@link #must} (the prompt, the refusal, the page or scene that decides) are always
 * kept; {@link #may} events (context) are dropped oldest first when the bound is reached.
 */
final class EvidenceList {

    private record Entry(Evidence evidence, boolean required) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    EvidenceList must(Evidence evidence) {
        return add(evidence, true);
    }

    EvidenceList may(Evidence evidence) {
        return add(evidence, false);
    }

    EvidenceList may(Collection<Evidence> evidence) {
        evidence.forEach(this::may);
        return this;
    }

    private EvidenceList add(Evidence evidence, boolean required) {
        if (evidence == null) {
            return this;
        }
        if (ids.add(evidence.getEventId())) {
            entries.add(new Entry(evidence, required));
        } else if (required) {
            entries.replaceAll(e -> e.evidence().getEventId().equals(evidence.getEventId())
                    ? new Entry(e.evidence(), true) : e);
        }
        return this;
    }

    List<Evidence> build() {
        final List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(e -> e.evidence().getEventTime()));
        int excess = sorted.size() - DetectionLimits.MAX_EVIDENCE;
        for (int i = 0; i < sorted.size() && excess > 0; ) {
            if (!sorted.get(i).required()) {
                sorted.remove(i);
                excess--;
            } else {
                i++;
            }
        }
        final int from = Math.max(0, sorted.size() - DetectionLimits.MAX_EVIDENCE);
        final List<Entry> kept = sorted.subList(from, sorted.size());
        return kept.stream().map(e -> Evidence.newBuilder(e.evidence()).build()).toList();
    }
}
