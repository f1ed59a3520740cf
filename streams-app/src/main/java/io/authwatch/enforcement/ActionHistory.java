package io.authwatch.enforcement;

import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The actions already emitted, in {@value EnforcementStores#ACTIONS}: they keep each (app, tier,
 * window) to one action, and an app's actions of earlier windows escalate the next tier.
 */
final class ActionHistory {

    private final KeyValueStore<String, EnforcementAction> store;
    private final EnforcementSettings settings;

    ActionHistory(KeyValueStore<String, EnforcementAction> store, EnforcementSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    boolean emitted(String appId, long windowStart, EnforcementKind kind) {
        return store.get(EnforcementStores.actionKey(appId, windowStart, kind)) != null;
    }

    void record(EnforcementAction action) {
        store.put(EnforcementStores.actionKey(action.getAppId(), action.getWindowStart().toEpochMilli(),
                action.getAction()), action);
    }

    /** The app's latest WARNING and RESTRICT of the windows before {@code windowStart}, within each look-back. */
    TierRules.History before(String appId, long windowStart) {
        final EnforcementWindows windows = settings.windows();
        final int lookback = settings.maxLookbackWindows();
        if (lookback == 0) {
            return TierRules.History.none();
        }
        final long warningFrom = windows.previousWindowStart(windowStart, settings.warning().lookbackWindows());
        final long restrictFrom = windows.previousWindowStart(windowStart, settings.restrict().lookbackWindows());
        final String[] range = EnforcementStores.actionRange(appId, windows.previousWindowStart(windowStart, lookback),
                windowStart - 1);
        EnforcementAction warning = null;
        EnforcementAction restrict = null;
        try (KeyValueIterator<String, EnforcementAction> it = store.range(range[0], range[1])) {
            while (it.hasNext()) {
                final KeyValue<String, EnforcementAction> next = it.next();
                final EnforcementAction action = next.value;
                final long start = action.getWindowStart().toEpochMilli();
                if (!action.getAppId().equals(appId) || start >= windowStart) {
                    continue;
                }
                if (action.getAction() == EnforcementKind.WARNING && start >= warningFrom) {
                    warning = action;
                } else if (action.getAction() == EnforcementKind.RESTRICT_PHONE_AUTH && start >= restrictFrom) {
                    restrict = action;
                }
            }
        }
        return new TierRules.History(Optional.ofNullable(warning), Optional.ofNullable(restrict));
    }
}
