package io.authwatch.http;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.violation.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the query API reads from this instance's own state stores. Every method answers from the
 * local stores only: which instance to ask is decided by {@link OpsHttpServer}, with the partitioning
 * of {@link #appStoreName()}.
 *
 * <p>Implementations throw {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while
 * the stores are migrating (a rebalance); the API answers 503 then.
 */
public interface OpsQueries {

    /** The store keyed by appId whose partitioning says which instance owns an app. */
    String appStoreName();

    /**
     * The app as the local stores hold it, for the window starting at {@code windowStartMs}, with
     * at most {@code recentLimit} of its latest violations (newest first); empty when the app was
     * never seen here.
     */
    Optional<AppState> app(String appId, long windowStartMs, int recentLimit);

    /** Up to {@code limit} local apps of the window, by affectedUsers descending; no violations. */
    List<AppState> apps(long windowStartMs, int limit);

    /** Up to {@code limit} of the latest local violations, newest first. */
    List<Violation> recentViolations(int limit);

    /**
     * Up to {@code limit} of the latest local violations that {@code keep} accepts, newest first (by
     * detectedAt, then violationId, descending): of one app (its kept violations) when {@code appId}
     * is set, else of every local app (the latest each task keeps).
     */
    List<Violation> violations(String appId, Predicate<Violation> keep, int limit);

    /**
     * Up to {@code limit} local enforcement actions that {@code keep} accepts, newest first (by
     * effectiveFrom, then tier, descending): of one app when {@code appId} is set, else of every local app.
     */
    List<EnforcementAction> actions(String appId, Predicate<EnforcementAction> keep, int limit);

    /**
     * The app's windows among those starting at {@code windowStarts}, in that order, with the actions
     * of each; windows the app had no signal in are left out.
     */
    List<HistoryEntry> history(String appId, List<Long> windowStarts);

    /** One window of an app's history: its counts and the actions emitted in it. */
    record HistoryEntry(WindowCounts window, List<EnforcementAction> actions) {
    }

    /**
     * One app: its counts in a window, its latest enforcement action (null when none), and its
     * latest violations (empty in listings).
     */
    record AppState(String appId, WindowCounts window, EnforcementAction latestAction,
            List<Violation> recentViolations) {
    }

    /** An app's counts in one enforcement window; {@code endMs} is exclusive. */
    record WindowCounts(long startMs, long endMs, long activeUsers, long affectedUsers, double affectedRate,
            Map<String, Long> violationsByRule) {

        /** An app with no activity yet in the window. */
        public static WindowCounts empty(long startMs, long endMs) {
            return new WindowCounts(startMs, endMs, 0, 0, 0.0, Map.of());
        }
    }
}
