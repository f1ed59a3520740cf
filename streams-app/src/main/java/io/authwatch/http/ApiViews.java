package io.authwatch.http;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON bodies of the query API (CONTRACT.md section 8). Timestamps are {@link Instant}s, written
 * as ISO-8601 strings. The same records are read back when one instance relays another's answer.
 */
public final class ApiViews {

    private ApiViews() {
    }

    /** {@code GET /api/apps/{appId}}. */
    public record AppView(String appId, WindowView window, ActionView latestAction,
            List<ViolationView> recentViolations) {

        static AppView of(OpsQueries.AppState state) {
            return new AppView(state.appId(), WindowView.of(state.window()), ActionView.of(state.latestAction()),
                    state.recentViolations().stream().map(ViolationView::of).toList());
        }
    }

    /** One row of {@code GET /api/apps}: an app's window and latest action. */
    public record AppRow(String appId, WindowView window, ActionView latestAction) {

        static AppRow of(OpsQueries.AppState state) {
            return new AppRow(state.appId(), WindowView.of(state.window()), ActionView.of(state.latestAction()));
        }
    }

    /** An app's counts in one window; {@code end} is exclusive. */
    public record WindowView(Instant start, Instant end, long activeUsers, long affectedUsers, double affectedRate,
            Map<String, Long> violationsByRule) {

        static WindowView of(OpsQueries.WindowCounts w) {
            return new WindowView(Instant.ofEpochMilli(w.startMs()), Instant.ofEpochMilli(w.endMs()), w.activeUsers(),
                    w.affectedUsers(), w.affectedRate(), new TreeMap<>(w.violationsByRule()));
        }
    }

    /** An EnforcementAction as emitted on the enforcement topic. */
    public record ActionView(String actionId, String appId, String action, Instant windowStart, Instant windowEnd,
            long activeUsers, long affectedUsers, double affectedRate, Map<String, Long> violationsByRule,
            List<String> sampleViolationIds, Instant effectiveFrom, Instant expiresAt, String reason,
            long policyVersion) {

        static ActionView of(EnforcementAction a) {
            if (a == null) {
                return null;
            }
            return new ActionView(a.getActionId(), a.getAppId(), a.getAction().name(), a.getWindowStart(),
                    a.getWindowEnd(), a.getActiveUsers(), a.getAffectedUsers(), a.getAffectedRate(),
                    new TreeMap<>(a.getViolationsByRule()), List.copyOf(a.getSampleViolationIds()),
                    a.getEffectiveFrom(), a.getExpiresAt(), a.getReason(), a.getPolicyVersion());
        }
    }

    /** A Violation as emitted on the violations topic; userRef is the keyed hash, never a userId. */
    public record ViolationView(String violationId, String rule, String ruleCase, String severity, String confidence,
            String appId, String sessionId, String userRef, String path, String category, String promptEventId,
            Instant eventTime, Instant detectedAt, String reason, List<EvidenceView> evidence, long policyVersion) {

        static ViolationView of(Violation v) {
            return new ViolationView(v.getViolationId(), v.getRule().name(), v.getRuleCase(), v.getSeverity().name(),
                    v.getConfidence().name(), v.getAppId(), v.getSessionId(), v.getUserRef(), v.getPath(),
                    v.getCategory().name(), v.getPromptEventId(), v.getEventTime(), v.getDetectedAt(), v.getReason(),
                    v.getEvidence().stream().map(EvidenceView::of).toList(), v.getPolicyVersion());
        }
    }

    /** One event of a violation's evidence. */
    public record EvidenceView(String eventId, Instant eventTime, String type, String path, String detail) {

        static EvidenceView of(Evidence e) {
            return new EvidenceView(e.getEventId(), e.getEventTime(), e.getType(), e.getPath(), e.getDetail());
        }
    }

    /**
     * {@code GET /api/violations}: a page of violations, newest first, and the cursor of the next page
     * ({@code before=next}), null when this page is the last.
     */
    public record ViolationPage(List<ViolationView> violations, String next) {
    }

    /**
     * {@code GET /api/apps/{appId}/history}: the app's windows of the last {@code days} days, newest first.
     * {@code zone} and {@code windowSize} are {@code enforce.zone} and {@code enforce.window}, and
     * {@code tiers} the thresholds each window's counts are judged against, so that a reader can draw them.
     */
    public record HistoryView(String appId, int days, String zone, String windowSize, List<TierView> tiers,
            List<HistoryWindowView> windows) {
    }

    /** One tier's thresholds: {@code minRate} is 0 for WARNING, which has none. */
    public record TierView(String action, long minUsers, double minRate, String expiresAfter) {
    }

    /** One window of an app's history: its counts and the actions emitted in it, lowest tier first. */
    public record HistoryWindowView(Instant start, Instant end, long activeUsers, long affectedUsers,
            double affectedRate, Map<String, Long> violationsByRule, List<ActionView> actions) {

        static HistoryWindowView of(OpsQueries.HistoryEntry e) {
            final OpsQueries.WindowCounts w = e.window();
            return new HistoryWindowView(Instant.ofEpochMilli(w.startMs()), Instant.ofEpochMilli(w.endMs()),
                    w.activeUsers(), w.affectedUsers(), w.affectedRate(), new TreeMap<>(w.violationsByRule()),
                    e.actions().stream().map(ActionView::of).toList());
        }
    }

    /** An error answer: the HTTP status and a sentence saying what was wrong. */
    public record ErrorView(int status, String error) {
    }
}
