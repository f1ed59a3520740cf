package io.authwatch.backtest;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report of one backtest, as {@code report.json} holds it and {@code report.html} shows it.
 * "current" is the replay with the policies in force, "candidate" the replay with the candidate in
 * place; a violation is the same in both when its {@code violationId} (rule, app, prompt) is.
 */
public record BacktestReport(Range range, Input input, Totals totals, List<Row> rows, Actions actions,
                             Samples samples, ReplayCheck replayCheck) {

    /** What was replayed. */
    public record Range(Instant from, Instant to, Instant warmUpFrom, List<String> apps, String candidateAppId,
                        long candidateVersion, int candidateRules) {
    }

    /** The records read and how fast they were replayed (each record through both runs). */
    public record Input(long records, long warmUpRecords, long rangeRecords, long skipped, double seconds,
                        double recordsPerSecond) {
    }

    /** The violations of the range: in each run, only in one, in both (and of those, how many differ in a field). */
    public record Totals(int current, int candidate, int onlyCurrent, int onlyCandidate, int both,
                         int bothButDifferent, int actionsAppearing, int actionsDisappearing) {
    }

    /** One app and rule. */
    public record Row(String appId, String rule, int onlyCurrent, int onlyCandidate, int both) {
    }

    /** Enforcement actions that only the candidate run emits (appear) or only the current one (disappear). */
    public record Actions(List<ActionView> appear, List<ActionView> disappear) {
    }

    /** Up to {@value BacktestDiff#SAMPLES} violations of each kind, with their evidence. */
    public record Samples(List<ViolationView> onlyCurrent, List<ViolationView> onlyCandidate,
                          List<ViolationView> both) {
    }

    /**
     * The current run against what the live {@code topic.violations} holds for the range: a violation
     * matches when every field but {@code detectedAt} is equal.
     */
    public record ReplayCheck(int live, int replayed, int matched, int onlyReplayed, int onlyLive, int differing) {
        public boolean exact() {
            return onlyReplayed == 0 && onlyLive == 0 && differing == 0;
        }
    }

    public record ViolationView(String violationId, String appId, String rule, String ruleCase, String severity,
                                String confidence, String category, String path, String sessionId, String userRef,
                                Instant eventTime, long policyVersion, String reason, List<EvidenceView> evidence) {
        static ViolationView of(Violation v) {
            return new ViolationView(v.getViolationId(), v.getAppId(), v.getRule().name(), v.getRuleCase(),
                    v.getSeverity().name(), v.getConfidence().name(), v.getCategory().name(), v.getPath(),
                    v.getSessionId(), v.getUserRef(), v.getEventTime(), v.getPolicyVersion(), v.getReason(),
                    v.getEvidence().stream().map(EvidenceView::of).toList());
        }
    }

    public record EvidenceView(String eventId, Instant eventTime, String type, String path, String detail) {
        static EvidenceView of(Evidence e) {
            return new EvidenceView(e.getEventId(), e.getEventTime(), String.valueOf(e.getType()), e.getPath(),
                    e.getDetail());
        }
    }

    public record ActionView(String actionId, String appId, String action, Instant windowStart, Instant windowEnd,
                             long activeUsers, long affectedUsers, double affectedRate,
                             Map<String, Long> violationsByRule, Instant effectiveFrom, String reason) {
        static ActionView of(EnforcementAction a) {
            return new ActionView(a.getActionId(), a.getAppId(), a.getAction().name(), a.getWindowStart(),
                    a.getWindowEnd(), a.getActiveUsers(), a.getAffectedUsers(), a.getAffectedRate(),
                    new java.util.TreeMap<>(a.getViolationsByRule()), a.getEffectiveFrom(), a.getReason());
        }
    }
}
