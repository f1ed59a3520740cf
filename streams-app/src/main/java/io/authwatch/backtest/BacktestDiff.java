package io.authwatch.backtest;

import io.authwatch.backtest.BacktestReport.ActionView;
import io.authwatch.backtest.BacktestReport.Row;
import io.authwatch.backtest.BacktestReport.ViolationView;
import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparison behind a report, without Kafka: the current run's violations and actions against the
 * candidate run's, and the current run's violations against the live topic's.
 */
final class BacktestDiff {

    /** Sample violations shown per kind. */
    static final int SAMPLES = 5;

    private static final Comparator<Violation> IN_TIME_ORDER =
            Comparator.comparing(Violation::getEventTime).thenComparing(Violation::getViolationId);

    private BacktestDiff() {
    }

    /** The two runs' outputs for the range, and the live topic's violations for it. */
    record Outputs(List<Violation> current, List<Violation> candidate, List<EnforcementAction> currentActions,
                   List<EnforcementAction> candidateActions, List<Violation> live) {
    }

    static BacktestReport report(BacktestReport.Range range, BacktestReport.Input input, Outputs o) {
        final Map<String, Violation> current = byId(o.current());
        final Map<String, Violation> candidate = byId(o.candidate());
        final List<Violation> onlyCurrent = new ArrayList<>();
        final List<Violation> onlyCandidate = new ArrayList<>();
        final List<Violation> both = new ArrayList<>();
        int bothButDifferent = 0;
        for (final Violation v : current.values()) {
            final Violation other = candidate.get(v.getViolationId());
            if (other == null) {
                onlyCurrent.add(v);
            } else {
                both.add(v);
                if (!withoutDetectedAt(v).equals(withoutDetectedAt(other))) {
                    bothButDifferent++;
                }
            }
        }
        candidate.values().stream().filter(v -> !current.containsKey(v.getViolationId())).forEach(onlyCandidate::add);
        final List<ActionView> appear = difference(o.candidateActions(), o.currentActions());
        final List<ActionView> disappear = difference(o.currentActions(), o.candidateActions());
        final BacktestReport.Totals totals = new BacktestReport.Totals(current.size(), candidate.size(),
                onlyCurrent.size(), onlyCandidate.size(), both.size(), bothButDifferent, appear.size(), disappear.size());
        return new BacktestReport(range, input, totals, rows(onlyCurrent, onlyCandidate, both),
                new BacktestReport.Actions(appear, disappear),
                new BacktestReport.Samples(samples(onlyCurrent), samples(onlyCandidate), samples(both)),
                replayCheck(current, byId(o.live())));
    }

    /** A violation as the replay check compares it: every field but {@code detectedAt}. */
    static Violation withoutDetectedAt(Violation v) {
        return Violation.newBuilder(v).setDetectedAt(Instant.EPOCH).build();
    }

    static BacktestReport.ReplayCheck replayCheck(Map<String, Violation> replayed, Map<String, Violation> live) {
        int matched = 0;
        int differing = 0;
        int onlyReplayed = 0;
        for (final Violation v : replayed.values()) {
            final Violation l = live.get(v.getViolationId());
            if (l == null) {
                onlyReplayed++;
            } else if (withoutDetectedAt(v).equals(withoutDetectedAt(l))) {
                matched++;
            } else {
                differing++;
            }
        }
        final int onlyLive = (int) live.keySet().stream().filter(id -> !replayed.containsKey(id)).count();
        return new BacktestReport.ReplayCheck(live.size(), replayed.size(), matched, onlyReplayed, onlyLive, differing);
    }

    private static Map<String, Violation> byId(List<Violation> violations) {
        final Map<String, Violation> m = new LinkedHashMap<>();
        violations.stream().sorted(IN_TIME_ORDER).forEach(v -> m.putIfAbsent(v.getViolationId(), v));
        return m;
    }

    private static List<Row> rows(List<Violation> onlyCurrent, List<Violation> onlyCandidate, List<Violation> both) {
        final Map<String, int[]> counts = new TreeMap<>();
        onlyCurrent.forEach(v -> counts.computeIfAbsent(rowKey(v), k -> new int[3])[0]++);
        onlyCandidate.forEach(v -> counts.computeIfAbsent(rowKey(v), k -> new int[3])[1]++);
        both.forEach(v -> counts.computeIfAbsent(rowKey(v), k -> new int[3])[2]++);
        final List<Row> rows = new ArrayList<>();
        counts.forEach((key, n) -> {
            final int cut = key.indexOf('\n');
            rows.add(new Row(key.substring(0, cut), key.substring(cut + 1), n[0], n[1], n[2]));
        });
        return rows;
    }

    private static String rowKey(Violation v) {
        return v.getAppId() + "\n" + v.getRule().name();
    }

    private static List<ViolationView> samples(List<Violation> violations) {
        return violations.stream().sorted(IN_TIME_ORDER).limit(SAMPLES).map(ViolationView::of).toList();
    }

    /** The actions of {@code these} whose actionId (app, tier, window) {@code others} does not have. */
    private static List<ActionView> difference(List<EnforcementAction> these, List<EnforcementAction> others) {
        final java.util.Set<String> ids = new java.util.HashSet<>();
        others.forEach(a -> ids.add(a.getActionId()));
        return these.stream().filter(a -> !ids.contains(a.getActionId()))
                .sorted(Comparator.comparing(EnforcementAction::getEffectiveFrom).thenComparing(EnforcementAction::getActionId))
                .map(ActionView::of).toList();
    }
}
