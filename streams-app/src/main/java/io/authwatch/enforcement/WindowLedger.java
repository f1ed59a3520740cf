package io.authwatch.enforcement;

import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-app, per-window counts: {@value EnforcementStores#WINDOW_STATE} holds the small summary the
 * ops API reads, {@value EnforcementStores#SKETCHES} the distinct-count sketch shards behind its two
 * user counts. Callers pass only signals that count (on time; CONFIRMED and not duplicated for
 * violations).
 */
final class WindowLedger {

    private static final char ACTIVE = 'A';
    private static final char AFFECTED = 'F';

    private final KeyValueStore<String, EnforcementWindowState> states;
    private final KeyValueStore<String, byte[]> sketches;
    private final EnforcementWindows windows;
    private final DistinctCounter counter = new DistinctCounter();

    WindowLedger(KeyValueStore<String, EnforcementWindowState> states, KeyValueStore<String, byte[]> sketches,
                 EnforcementWindows windows) {
        this.states = states;
        this.sketches = sketches;
        this.windows = windows;
    }

    /** Counts {@code userRef} as active in the window; writes nothing when the user was already counted. */
    void addActiveUser(String appId, long windowStart, String userRef) {
        final EnforcementWindowState state = stateOf(appId, windowStart);
        final double estimate = counter.add(shards(appId, windowStart, ACTIVE), state.getActiveEstimate(), userRef);
        if (estimate != state.getActiveEstimate()) {
            state.setActiveEstimate(estimate);
            state.setActiveUsers(DistinctCounter.count(estimate));
            save(state);
        }
    }

    /** Counts a violation (its user, its rule, its id as a sample) and returns the window's state after it. */
    EnforcementWindowState addViolation(Violation violation, long windowStart) {
        final EnforcementWindowState state = stateOf(violation.getAppId(), windowStart);
        final double estimate = counter.add(shards(violation.getAppId(), windowStart, AFFECTED),
                state.getAffectedEstimate(), violation.getUserRef());
        state.setAffectedEstimate(estimate);
        state.setAffectedUsers(DistinctCounter.count(estimate));
        state.getViolationsByRule().merge(violation.getRule().name(), 1L, Long::sum);
        if (state.getSampleViolationIds().size() < ActionFactory.MAX_SAMPLES) {
            state.getSampleViolationIds().add(violation.getViolationId());
        }
        save(state);
        return state;
    }

    private void save(EnforcementWindowState state) {
        state.setAffectedRate(TierRules.rate(state.getActiveUsers(), state.getAffectedUsers()));
        states.put(key(state), state);
    }

    private EnforcementWindowState stateOf(String appId, long windowStart) {
        final EnforcementWindowState stored = states.get(EnforcementStores.windowKey(appId, windowStart));
        if (stored != null) {
            // copies of the lists and map: the generated getters hand out the stored ones
            stored.setViolationsByRule(new HashMap<>(stored.getViolationsByRule()));
            stored.setSampleViolationIds(new ArrayList<>(stored.getSampleViolationIds()));
            return stored;
        }
        return EnforcementWindowState.newBuilder()
                .setAppId(appId)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windows.windowEnd(windowStart)))
                .setActiveUsers(0).setAffectedUsers(0).setAffectedRate(0.0)
                .setViolationsByRule(new HashMap<>())
                .setSampleViolationIds(new ArrayList<>())
                .setActiveEstimate(0.0).setAffectedEstimate(0.0)
                .build();
    }

    private static String key(EnforcementWindowState state) {
        return EnforcementStores.windowKey(state.getAppId(), state.getWindowStart().toEpochMilli());
    }

    private DistinctCounter.Shards shards(String appId, long windowStart, char which) {
        return new DistinctCounter.Shards() {
            @Override
            public byte[] get(int shard) {
                return sketches.get(EnforcementStores.sketchKey(appId, windowStart, which, shard));
            }

            @Override
            public void put(int shard, byte[] sketch) {
                sketches.put(EnforcementStores.sketchKey(appId, windowStart, which, shard), sketch);
            }
        };
    }
}
