package io.authwatch.http;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementQueries;
import io.authwatch.enforcement.EnforcementStores;
import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.violation.Violation;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@link OpsQueries} over the enforcement stage's stores, read through {@link EnforcementQueries}.
 * Apps are located by {@value EnforcementStores#WINDOW_STATE}, which is partitioned by appId.
 *
 * <p>"Never seen" is what the stores can tell: no counts in any window kept, no enforcement action
 * and no violation kept for the app (the stores keep windows and violations for the last 31 days or
 * the escalation look-back, and actions until they expire, so an app seen only long ago is forgotten
 * like the stores forget it). An app
 * seen only in an earlier window is answered with an empty current window.
 */
public final class EnforcementOpsQueries implements OpsQueries {

    private final Supplier<EnforcementQueries> queries;

    /** Reads the local stores of a running streams client, looked up on each request. */
    public EnforcementOpsQueries(KafkaStreams streams) {
        this(() -> EnforcementQueries.of(streams));
    }

    EnforcementOpsQueries(Supplier<EnforcementQueries> queries) {
        this.queries = queries;
    }

    @Override
    public String appStoreName() {
        return EnforcementStores.WINDOW_STATE;
    }

    @Override
    public Optional<AppState> app(String appId, long windowStartMs, int recentLimit) {
        final EnforcementQueries q = queries.get();
        final Optional<EnforcementWindowState> window = q.window(appId, windowStartMs);
        final var action = q.latestAction(appId);
        final List<Violation> recent = q.recentViolations(appId);
        if (window.isEmpty() && action.isEmpty() && recent.isEmpty() && !q.hasAnyWindow(appId)) {
            return Optional.empty();
        }
        return Optional.of(new AppState(appId, window.map(EnforcementOpsQueries::counts).orElse(null),
                action.orElse(null), recent.stream().limit(recentLimit).toList()));
    }

    @Override
    public List<AppState> apps(long windowStartMs, int limit) {
        final EnforcementQueries q = queries.get();
        return q.appsByAffectedUsers(windowStartMs, limit).stream()
                .map(w -> new AppState(w.getAppId(), counts(w), q.latestAction(w.getAppId()).orElse(null),
                        List.<Violation>of()))
                .toList();
    }

    @Override
    public List<Violation> recentViolations(int limit) {
        return queries.get().recentViolations(limit);
    }

    @Override
    public List<Violation> violations(String appId, Predicate<Violation> keep, int limit) {
        final EnforcementQueries q = queries.get();
        return appId == null ? q.violations(keep, limit) : q.violations(appId, keep, limit);
    }

    @Override
    public List<EnforcementAction> actions(String appId, Predicate<EnforcementAction> keep, int limit) {
        final EnforcementQueries q = queries.get();
        return appId == null ? q.actions(keep, limit) : q.actions(appId, keep, limit);
    }

    @Override
    public List<HistoryEntry> history(String appId, List<Long> windowStarts) {
        return queries.get().history(appId, windowStarts).stream()
                .map(h -> new HistoryEntry(counts(h.window()), h.actions())).toList();
    }

    static WindowCounts counts(EnforcementWindowState w) {
        return new WindowCounts(w.getWindowStart().toEpochMilli(), w.getWindowEnd().toEpochMilli(), w.getActiveUsers(),
                w.getAffectedUsers(), w.getAffectedRate(), w.getViolationsByRule());
    }
}
