package io.authwatch.enforcement;

import io.authwatch.violation.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the violations the ops API lists, every confidence, with their evidence: the last
 * {@value EnforcementStores#APP_VIOLATIONS_KEPT} of each app in {@value EnforcementStores#APP_VIOLATIONS}
 * and a ring of the task's last {@value EnforcementStores#RECENT_VIOLATIONS_KEPT} in
 * {@value EnforcementStores#RECENT_VIOLATIONS}, both keyed by the task's arrival sequence.
 *
 * <p>Each app's entries are counted in {@value EnforcementStores#APP_VIOLATION_COUNTS}, so that keeping
 * an app to its last {@value EnforcementStores#APP_VIOLATIONS_KEPT} reads and deletes only its oldest
 * entry instead of decoding them all on every violation.
 */
final class RecentViolations {

    private final KeyValueStore<String, Violation> byApp;
    private final KeyValueStore<String, Violation> ring;
    private final KeyValueStore<String, Long> counts;

    RecentViolations(KeyValueStore<String, Violation> byApp, KeyValueStore<String, Violation> ring,
                     KeyValueStore<String, Long> counts) {
        this.byApp = byApp;
        this.ring = ring;
        this.counts = counts;
    }

    void record(Violation violation, long sequence) {
        ring.put(EnforcementStores.sequence(sequence), violation);
        if (sequence > EnforcementStores.RECENT_VIOLATIONS_KEPT) {
            ring.delete(EnforcementStores.sequence(sequence - EnforcementStores.RECENT_VIOLATIONS_KEPT));
        }
        final String appId = violation.getAppId();
        long count = countOf(appId) + 1;
        byApp.put(EnforcementStores.appViolationKey(appId, sequence), violation);
        while (count > EnforcementStores.APP_VIOLATIONS_KEPT && deleteOldest(appId)) {
            count--;
        }
        counts.put(appId, count);
    }

    /** Drops every kept violation whose eventTime is before {@code eventTimeMs} (retention). */
    void dropBefore(long eventTimeMs) {
        final List<String> doomed = new ArrayList<>();
        final Map<String, Long> droppedByApp = new HashMap<>();
        try (KeyValueIterator<String, Violation> it = byApp.all()) {
            while (it.hasNext()) {
                final KeyValue<String, Violation> kv = it.next();
                if (kv.value != null && kv.value.getEventTime().toEpochMilli() < eventTimeMs) {
                    doomed.add(kv.key);
                    droppedByApp.merge(kv.value.getAppId(), 1L, Long::sum);
                }
            }
        }
        doomed.forEach(byApp::delete);
        droppedByApp.forEach((appId, dropped) -> {
            final long left = countOf(appId) - dropped;
            if (left > 0) {
                counts.put(appId, left);
            } else {
                counts.delete(appId);
            }
        });
    }

    /**
     * The app's count; counted once from the store when missing (a store written before the counts
     * existed), after which it is kept up to date.
     */
    private long countOf(String appId) {
        final Long stored = counts.get(appId);
        if (stored != null) {
            return stored;
        }
        long n = 0;
        final String[] range = EnforcementStores.appViolationRange(appId);
        try (KeyValueIterator<String, Violation> it = byApp.range(range[0], range[1])) {
            while (it.hasNext()) {
                final Violation v = it.next().value;
                if (v != null && v.getAppId().equals(appId)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Deletes the app's oldest entry; false when it has none. */
    private boolean deleteOldest(String appId) {
        final String[] range = EnforcementStores.appViolationRange(appId);
        String oldest = null;
        try (KeyValueIterator<String, Violation> it = byApp.range(range[0], range[1])) {
            while (it.hasNext() && oldest == null) {
                final KeyValue<String, Violation> next = it.next();
                // a caching store can show a deleted entry as a null value after a restore
                if (next.value != null && next.value.getAppId().equals(appId)) {
                    oldest = next.key;
                }
            }
        }
        if (oldest == null) {
            return false;
        }
        byApp.delete(oldest);
        return true;
    }
}
