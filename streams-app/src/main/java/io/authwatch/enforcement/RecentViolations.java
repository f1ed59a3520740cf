package io.authwatch.enforcement;

import io.authwatch.violation.Violation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the violations the ops API lists, every confidence, with their evidence: the last
 * {@value EnforcementStores#APP_VIOLATIONS_KEPT} of each app in {@value EnforcementStores#APP_VIOLATIONS}
 * and a ring of the task's last {@value EnforcementStores#RECENT_VIOLATIONS_KEPT} in
 * {@value EnforcementStores#RECENT_VIOLATIONS}, both keyed by the task's arrival sequence.
 */
final class RecentViolations {

    private final KeyValueStore<String, Violation> byApp;
    private final KeyValueStore<String, Violation> ring;

    RecentViolations(KeyValueStore<String, Violation> byApp, KeyValueStore<String, Violation> ring) {
        this.byApp = byApp;
        this.ring = ring;
    }

    void record(Violation violation, long sequence) {
        ring.put(EnforcementStores.sequence(sequence), violation);
        if (sequence > EnforcementStores.RECENT_VIOLATIONS_KEPT) {
            ring.delete(EnforcementStores.sequence(sequence - EnforcementStores.RECENT_VIOLATIONS_KEPT));
        }
        final String appId = violation.getAppId();
        byApp.put(EnforcementStores.appViolationKey(appId, sequence), violation);
        trim(appId);
    }

    /** Drops the app's entries beyond the newest {@value EnforcementStores#APP_VIOLATIONS_KEPT}. */
    private void trim(String appId) {
        final String[] range = EnforcementStores.appViolationRange(appId);
        final List<String> older = new ArrayList<>();
        int kept = 0;
        try (KeyValueIterator<String, Violation> it = byApp.reverseRange(range[0], range[1])) {
            while (it.hasNext()) {
                final KeyValue<String, Violation> next = it.next();
                if (next.value == null || !next.value.getAppId().equals(appId)) {
                    // a caching store can show a deleted entry as a null value after a restore
                    continue;
                }
                if (kept < EnforcementStores.APP_VIOLATIONS_KEPT) {
                    kept++;
                } else {
                    older.add(next.key);
                }
            }
        }
        older.forEach(byApp::delete);
    }
}
