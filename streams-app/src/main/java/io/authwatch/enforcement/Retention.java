package io.authwatch.enforcement;

import io.authwatch.internal.EnforcementWindowState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Bounds the stores: each time the task's event-time clock closes a window, drops what no open
 * window needs any more.
 *
 * <ul>
 *   <li>sketches: as soon as their window closes (its counts can no longer change);</li>
 *   <li>seen violationIds: one window later (a copy arriving after that is late and changes nothing);</li>
 *   <li>window states and per-app violations: once older than both the last
 *       {@value EnforcementStores#HISTORY_DAYS} days (the history the ops API shows) and the longest
 *       escalation look-back, counted from the oldest open window;</li>
 *   <li>actions: like the window states, but never while still in force (an action whose
 *       {@code expiresAt} is ahead of the task's event-time clock stays listed however old its window).</li>
 * </ul>
 *
 * <p>The sweep is driven by event time, not wall-clock time, so that reprocessing prunes the same way.
 * Stores keyed by time first are pruned with a range; the others with a scan, once per window.
 */
final class Retention {

    private final EnforcementClock clock;
    private final EnforcementSettings settings;
    private final KeyValueStore<String, byte[]> sketches;
    private final KeyValueStore<String, EnforcementWindowState> states;
    private final KeyValueStore<String, Long> seen;
    private final KeyValueStore<String, EnforcementAction> actions;
    private final RecentViolations appViolations;

    Retention(EnforcementClock clock, EnforcementSettings settings, KeyValueStore<String, byte[]> sketches,
              KeyValueStore<String, EnforcementWindowState> states, KeyValueStore<String, Long> seen,
              KeyValueStore<String, EnforcementAction> actions, RecentViolations appViolations) {
        this.clock = clock;
        this.settings = settings;
        this.sketches = sketches;
        this.states = states;
        this.seen = seen;
        this.actions = actions;
        this.appViolations = appViolations;
    }

    /** Sweeps when a window has closed since the last sweep. */
    void sweepIfWindowClosed() {
        final long oldestOpen = clock.oldestOpenWindowStart();
        if (oldestOpen == Long.MIN_VALUE || oldestOpen <= clock.cleanedBefore()) {
            return;
        }
        final EnforcementWindows windows = settings.windows();
        final long keepHistoryFrom = keepWindowsFrom(settings, oldestOpen);
        final long keepSeenFrom = windows.previousWindowStart(oldestOpen, 1);
        final long now = clock.maxEventTime();
        deleteKeysBefore(sketches, EnforcementStores.time(oldestOpen));
        deleteKeysBefore(states, EnforcementStores.time(keepHistoryFrom));
        deleteWhere(seen, windowStart -> windowStart < keepSeenFrom);
        deleteWhere(actions, action -> action.getWindowStart().toEpochMilli() < keepHistoryFrom
                && (action.getExpiresAt() == null || action.getExpiresAt().toEpochMilli() <= now));
        appViolations.dropBefore(keepHistoryFrom);
        clock.cleanedBefore(oldestOpen);
    }

    /**
     * The start of the oldest window kept: the earlier of the escalation look-back and the start of the
     * day {@value EnforcementStores#HISTORY_DAYS} - 1 days before the oldest open window's (in the
     * enforcement zone), so that the history's {@value EnforcementStores#HISTORY_DAYS} days are whole.
     */
    static long keepWindowsFrom(EnforcementSettings settings, long oldestOpen) {
        final EnforcementWindows windows = settings.windows();
        final long lookback = windows.previousWindowStart(oldestOpen, settings.maxLookbackWindows());
        final long history = Instant.ofEpochMilli(oldestOpen).atZone(windows.zone()).toLocalDate()
                .minusDays(EnforcementStores.HISTORY_DAYS - 1L).atStartOfDay(windows.zone()).toInstant().toEpochMilli();
        return Math.min(lookback, windows.windowStart(history));
    }

    /** Deletes every key sorting before {@code bound} (keys starting with a 13-digit window start). */
    private static <V> void deleteKeysBefore(KeyValueStore<String, V> store, String bound) {
        final List<String> doomed = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.range(null, bound)) {
            it.forEachRemaining(kv -> {
                if (kv.key.compareTo(bound) < 0) {
                    doomed.add(kv.key);
                }
            });
        }
        doomed.forEach(store::delete);
    }

    private static <V> void deleteWhere(KeyValueStore<String, V> store, Predicate<V> expired) {
        final List<String> doomed = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<String, V> kv = it.next();
                if (expired.test(kv.value)) {
                    doomed.add(kv.key);
                }
            }
        }
        doomed.forEach(store::delete);
    }
}
