package io.authwatch.enforcement;

import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.violation.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only view of the enforcement stores of this instance, for the ops API.
 *
 * <p>Per-app answers come from the instance that owns the app: find it with
 * {@code streams.queryMetadataForKey(EnforcementStores.WINDOW_STATE, appId, new StringSerializer())}
 * (the stores are partitioned by appId, the key of the signals topic) and ask that instance.
 * Instance-wide answers ({@link #appsByAffectedUsers}, {@link #recentViolations(int)}) cover only
 * the apps of this instance's tasks; merge them across instances for the whole picture.
 *
 * <p>Stores read (see {@link EnforcementStores} for their keys): {@value EnforcementStores#WINDOW_STATE}
 * ({@link EnforcementWindowState}), {@value EnforcementStores#ACTIONS} ({@link EnforcementAction}),
 * {@value EnforcementStores#APP_VIOLATIONS} and {@value EnforcementStores#RECENT_VIOLATIONS}
 * ({@link Violation}). The current window is
 * {@code EnforcementSettings.from(config).windows().windowStart(now)}.
 */
public final class EnforcementQueries {

    /** Serializer to find an app's owner with {@code KafkaStreams.queryMetadataForKey}. */
    public static final StringSerializer APP_KEY_SERIALIZER = new StringSerializer();

    /** Most window-state entries {@link #hasAnyWindow} looks at (a few per app: the look-back's windows). */
    static final int MAX_WINDOW_SCAN = 1_000_000;

    /** Violations newest first: by detectedAt, then violationId, both descending (a total order, for paging). */
    public static final Comparator<Violation> NEWEST_FIRST = Comparator
            .comparing(Violation::getDetectedAt).thenComparing(Violation::getViolationId).reversed();

    /** Actions newest first: by effectiveFrom, then the higher tier, then actionId. */
    public static final Comparator<EnforcementAction> ACTIONS_NEWEST_FIRST = Comparator
            .comparing(EnforcementAction::getEffectiveFrom)
            .thenComparing(a -> a.getAction().ordinal())
            .thenComparing(EnforcementAction::getActionId).reversed();

    /**
     * One of an app's windows in its history: the counts, and the actions of that window (lowest tier first).
     *
     * @param window  the counts
     * @param actions the actions emitted in that window
     */
    public record HistoryWindow(EnforcementWindowState window, List<EnforcementAction> actions) {
    }

    private final ReadOnlyKeyValueStore<String, EnforcementWindowState> windowStates;
    private final ReadOnlyKeyValueStore<String, EnforcementAction> actions;
    private final ReadOnlyKeyValueStore<String, Violation> appViolations;
    private final ReadOnlyKeyValueStore<String, Violation> recentViolations;

    public EnforcementQueries(ReadOnlyKeyValueStore<String, EnforcementWindowState> windowStates,
                              ReadOnlyKeyValueStore<String, EnforcementAction> actions,
                              ReadOnlyKeyValueStore<String, Violation> appViolations,
                              ReadOnlyKeyValueStore<String, Violation> recentViolations) {
        this.windowStates = windowStates;
        this.actions = actions;
        this.appViolations = appViolations;
        this.recentViolations = recentViolations;
    }

    /** The view over a running instance's local stores (throws while they are not queryable yet). */
    public static EnforcementQueries of(KafkaStreams streams) {
        return new EnforcementQueries(store(streams, EnforcementStores.WINDOW_STATE),
                store(streams, EnforcementStores.ACTIONS), store(streams, EnforcementStores.APP_VIOLATIONS),
                store(streams, EnforcementStores.RECENT_VIOLATIONS));
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /**
     * The app's counts in the window starting at {@code windowStart} (epoch millis): activeUsers,
     * affectedUsers, affectedRate, violationsByRule. Empty when the app had no signal in that window
     * (or the window is past retention).
     */
    public Optional<EnforcementWindowState> window(String appId, long windowStart) {
        return Optional.ofNullable(windowStates.get(EnforcementStores.windowKey(appId, windowStart)))
                .filter(state -> state.getAppId().equals(appId));
    }

    /** The app's most recent action: of its newest window with an action, the highest tier. */
    public Optional<EnforcementAction> latestAction(String appId) {
        final String[] range = EnforcementStores.actionRange(appId, 0, 9_999_999_999_999L);
        try (KeyValueIterator<String, EnforcementAction> it = actions.reverseRange(range[0], range[1])) {
            while (it.hasNext()) {
                final EnforcementAction action = it.next().value;
                if (action.getAppId().equals(appId)) {
                    return Optional.of(action);
                }
            }
        }
        return Optional.empty();
    }

    /** The app's last (up to) {@value EnforcementStores#APP_VIOLATIONS_KEPT} violations, every confidence, newest first. */
    public List<Violation> recentViolations(String appId) {
        final String[] range = EnforcementStores.appViolationRange(appId);
        final List<Violation> out = new ArrayList<>();
        try (KeyValueIterator<String, Violation> it = appViolations.reverseRange(range[0], range[1])) {
            while (it.hasNext() && out.size() < EnforcementStores.APP_VIOLATIONS_KEPT) {
                final Violation violation = it.next().value;
                if (violation != null && violation.getAppId().equals(appId)) {
                    out.add(violation);
                }
            }
        }
        return out;
    }

    /**
     * The actions kept for the app (every window still kept, and any older one still in force), newest
     * first, those {@code keep} accepts, at most {@code limit}.
     */
    public List<EnforcementAction> actions(String appId, Predicate<EnforcementAction> keep, int limit) {
        final String[] range = EnforcementStores.actionRange(appId, 0, 9_999_999_999_999L);
        final List<EnforcementAction> out = new ArrayList<>();
        try (KeyValueIterator<String, EnforcementAction> it = actions.range(range[0], range[1])) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && kv.value.getAppId().equals(appId) && keep.test(kv.value)) {
                    out.add(kv.value);
                }
            });
        }
        return newestFirst(out, limit);
    }

    /** The actions of every app of this instance, newest first, those {@code keep} accepts, at most {@code limit}. */
    public List<EnforcementAction> actions(Predicate<EnforcementAction> keep, int limit) {
        final List<EnforcementAction> out = new ArrayList<>();
        try (KeyValueIterator<String, EnforcementAction> it = actions.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && keep.test(kv.value)) {
                    out.add(kv.value);
                }
            });
        }
        return newestFirst(out, limit);
    }

    private static List<EnforcementAction> newestFirst(List<EnforcementAction> all, int limit) {
        all.sort(ACTIONS_NEWEST_FIRST);
        return List.copyOf(all.subList(0, Math.min(Math.max(limit, 0), all.size())));
    }

    /**
     * The app's windows among those starting at {@code windowStarts} (epoch millis), in that order: each
     * window the app had a signal in, with its actions. Windows with no signal (or past retention) are
     * left out.
     */
    public List<HistoryWindow> history(String appId, List<Long> windowStarts) {
        final List<HistoryWindow> out = new ArrayList<>();
        for (final long start : windowStarts) {
            window(appId, start).ifPresent(w -> out.add(new HistoryWindow(w, actionsOf(appId, start))));
        }
        return out;
    }

    private List<EnforcementAction> actionsOf(String appId, long windowStart) {
        final String[] range = EnforcementStores.actionRange(appId, windowStart, windowStart);
        final List<EnforcementAction> out = new ArrayList<>();
        try (KeyValueIterator<String, EnforcementAction> it = actions.range(range[0], range[1])) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && kv.value.getAppId().equals(appId)
                        && kv.value.getWindowStart().toEpochMilli() == windowStart) {
                    out.add(kv.value);
                }
            });
        }
        return out;
    }

    /**
     * The app's kept violations (its last {@value EnforcementStores#APP_VIOLATIONS_KEPT}) that {@code keep}
     * accepts, newest first, at most {@code limit}.
     */
    public List<Violation> violations(String appId, Predicate<Violation> keep, int limit) {
        final List<Violation> out = new ArrayList<>();
        recentViolations(appId).stream().filter(keep).forEach(out::add);
        out.sort(NEWEST_FIRST);
        return List.copyOf(out.subList(0, Math.min(Math.max(limit, 0), out.size())));
    }

    /**
     * The most recent violations of this instance's apps (each task's last
     * {@value EnforcementStores#RECENT_VIOLATIONS_KEPT}) that {@code keep} accepts, newest first, at most
     * {@code limit}.
     */
    public List<Violation> violations(Predicate<Violation> keep, int limit) {
        final List<Violation> all = new ArrayList<>();
        try (KeyValueIterator<String, Violation> it = recentViolations.reverseAll()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && keep.test(kv.value)) {
                    all.add(kv.value);
                }
            });
        }
        all.sort(NEWEST_FIRST);
        return List.copyOf(all.subList(0, Math.min(Math.max(limit, 0), all.size())));
    }

    /** Whether this instance knows the app: any action, violation, or counts in any window still kept. */
    public boolean knows(String appId, long windowStart) {
        return window(appId, windowStart).isPresent() || latestAction(appId).isPresent()
                || !recentViolations(appId).isEmpty() || hasAnyWindow(appId);
    }

    /**
     * Whether the app has counts in any window still kept (windows are kept for the escalation
     * look-back). The store is keyed by window first, so this scans it, at most
     * {@value #MAX_WINDOW_SCAN} entries: it answers the rare question about an app with nothing in the
     * current window, no action and no violation, before the API says it was never seen.
     */
    public boolean hasAnyWindow(String appId) {
        final String suffix = EnforcementStores.SEP + appId;
        final int keyLength = EnforcementStores.time(0).length() + suffix.length();
        try (KeyValueIterator<String, EnforcementWindowState> it = windowStates.all()) {
            for (int examined = 0; it.hasNext() && examined < MAX_WINDOW_SCAN; examined++) {
                final String key = it.next().key;
                if (key.length() == keyLength && key.endsWith(suffix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The apps of the window on this instance, by affectedUsers descending (then activeUsers descending, appId). */
    public List<EnforcementWindowState> appsByAffectedUsers(long windowStart, int limit) {
        final List<EnforcementWindowState> all = new ArrayList<>();
        final long start = windowStart;
        try (KeyValueIterator<String, EnforcementWindowState> it =
                     windowStates.prefixScan(EnforcementStores.windowPrefix(windowStart), APP_KEY_SERIALIZER)) {
            while (it.hasNext()) {
                final KeyValue<String, EnforcementWindowState> next = it.next();
                if (next.value.getWindowStart().toEpochMilli() == start) {
                    all.add(next.value);
                }
            }
        }
        all.sort(Comparator.comparingLong(EnforcementWindowState::getAffectedUsers).reversed()
                .thenComparing(Comparator.comparingLong(EnforcementWindowState::getActiveUsers).reversed())
                .thenComparing(EnforcementWindowState::getAppId));
        return List.copyOf(all.subList(0, Math.min(Math.max(limit, 0), all.size())));
    }

    /**
     * The most recent violations of this instance's apps, every confidence, newest first (by
     * detectedAt, then eventTime): each task keeps its last {@value EnforcementStores#RECENT_VIOLATIONS_KEPT}.
     */
    public List<Violation> recentViolations(int limit) {
        return violations(v -> true, limit);
    }
}
