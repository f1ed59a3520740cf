package io.authwatch.loadtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.authwatch.simulator.GroundTruth;
import io.authwatch.simulator.NearMiss;
import io.authwatch.simulator.PlantedViolation;
import io.authwatch.violation.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision and recall of detected violations against the generator's ground truth, matched on
 * rule + the prompt's eventId. Also counts what a match does not cover: the same violationId
 * emitted twice, and severity or confidence other than planted.
 *
 * @param examples a few misses per kind, naming the scenario, for finding out whose mistake it is
 */
public record Accuracy(long planted, long detected, long truePositives, long falsePositives, long falseNegatives,
                       long duplicateEmissions, long severityMismatches, long confidenceMismatches,
                       Map<String, Long> falsePositivesByCause, Map<String, Long> falseNegativesByScenario,
                       List<String> examples) {

    private static final int MAX_EXAMPLES = 12;

    @JsonProperty("precision")
    public double precision() {
        return detected == 0 ? (planted == 0 ? 1.0 : 0.0) : (double) truePositives / (truePositives + falsePositives);
    }

    @JsonProperty("recall")
    public double recall() {
        return planted == 0 ? 1.0 : (double) truePositives / planted;
    }

    /** Scores {@code violations} (every record read from the violations topic) against {@code truth}. */
    public static Accuracy score(GroundTruth truth, Collection<Violation> violations) {
        final Map<String, PlantedViolation> planted = truth.byMatchKey();
        final Map<String, NearMiss> nearMisses = truth.nearMissesByPrompt();
        final Map<String, PlantedViolation> anyPlantedOnPrompt = new HashMap<>();
        truth.violations().forEach(v -> anyPlantedOnPrompt.put(v.promptEventId(), v));
        final Set<String> seenIds = new HashSet<>();
        final Set<String> matched = new HashSet<>();
        final Map<String, Long> fpCauses = new TreeMap<>();
        final List<String> examples = new ArrayList<>();
        long tp = 0;
        long fp = 0;
        long dup = 0;
        long severity = 0;
        long confidence = 0;
        for (final Violation v : violations) {
            if (!seenIds.add(v.getViolationId())) {
                dup++;
                continue;
            }
            final String key = PlantedViolation.matchKey(v.getRule(), v.getPromptEventId());
            final PlantedViolation p = planted.get(key);
            if (p != null && matched.add(key)) {
                tp++;
                if (p.severity() != v.getSeverity()) {
                    severity++;
                    example(examples, "severity " + v.getSeverity() + " instead of " + p.severity() + " on " + p);
                }
                if (p.confidence() != v.getConfidence()) {
                    confidence++;
                    example(examples, "confidence " + v.getConfidence() + " instead of " + p.confidence() + " on " + p);
                }
                continue;
            }
            fp++;
            final String cause = cause(v, p != null, nearMisses.get(v.getPromptEventId()),
                    anyPlantedOnPrompt.get(v.getPromptEventId()));
            fpCauses.merge(cause, 1L, Long::sum);
            example(examples, "false positive " + v.getRule() + " (" + cause + ") prompt " + v.getPromptEventId()
                    + " app " + v.getAppId() + " session " + v.getSessionId());
        }
        final Map<String, Long> fnByScenario = new TreeMap<>();
        for (final PlantedViolation p : truth.violations()) {
            if (!matched.contains(p.matchKey())) {
                fnByScenario.merge(p.scenario() + " " + p.rule(), 1L, Long::sum);
                example(examples, "missed " + p);
            }
        }
        final long fn = truth.violations().size() - matched.size();
        return new Accuracy(truth.violations().size(), seenIds.size(), tp, fp, fn, dup, severity, confidence, fpCauses,
                fnByScenario, List.copyOf(examples));
    }

    private static String cause(Violation v, boolean matchedBefore, NearMiss nearMiss, PlantedViolation otherRule) {
        if (matchedBefore) {
            return "second violationId for a planted violation";
        }
        if (nearMiss != null) {
            return "near-miss " + nearMiss.kind();
        }
        if (otherRule != null) {
            return "prompt planted as " + otherRule.rule() + " in " + otherRule.scenario();
        }
        return "not a generated prompt";
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(text);
        }
    }
}
