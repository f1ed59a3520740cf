package io.authwatch.enforcement;

import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The enforcement stage's state stores: their names (stable, so changelog topics never change) and the
 * layout of their keys. Every store is a persistent, logged, cached key-value store with string keys,
 * local to the task that owns the app (the signals topic is keyed by appId: find an app's owner with
 * {@code streams.queryMetadataForKey(store, appId, new StringSerializer())}).
 *
 * <p>Key parts are joined by {@code |}; times are epoch millis as 13 zero-padded digits and sequence
 * numbers as 19, so that a byte-ordered range or reverse scan is time- or arrival-ordered. Values
 * carry their appId; readers check it, so an appId that itself contains {@code |} cannot read
 * another app's entries.
 *
 * <table>
 * <caption>stores</caption>
 * <tr><th>name</th><th>key</th><th>value</th><th>kept</th></tr>
 * <tr><td>{@value #WINDOW_STATE}</td><td>{@code windowStart|appId}</td><td>{@link EnforcementWindowState}</td>
 *     <td>the windows of the last {@value #HISTORY_DAYS} days (the history), or of the escalation look-back
 *     (max of the lookback-windows keys) when that reaches further</td></tr>
 * <tr><td>{@value #SKETCHES}</td><td>{@code windowStart|appId|A or F|shard}</td><td>serialized Theta
 *     sketch (A = active users, F = affected users; see {@link DistinctCounter})</td><td>until the window closes</td></tr>
 * <tr><td>{@value #SEEN_VIOLATIONS}</td><td>{@code violationId}</td><td>{@code Long} start of the violation's
 *     window</td><td>until one window after the window closes</td></tr>
 * <tr><td>{@value #ACTIONS}</td><td>{@code appId|windowStart|tier} (tier 1 WARNING, 2 RESTRICT, 3 SUSPEND)</td>
 *     <td>{@link EnforcementAction} as emitted</td><td>like the window state, and in any case until it
 *     expires</td></tr>
 * <tr><td>{@value #APP_VIOLATIONS}</td><td>{@code appId|sequence}</td><td>{@link Violation}, every
 *     confidence, with evidence</td><td>the last {@value #APP_VIOLATIONS_KEPT} per app, and not past the window
 *     state's retention</td></tr>
 * <tr><td>{@value #APP_VIOLATION_COUNTS}</td><td>{@code appId}</td><td>{@code Long}: how many entries the app
 *     has in {@value #APP_VIOLATIONS}, so that trimming it reads one entry, not all</td><td>while the app has
 *     any</td></tr>
 * <tr><td>{@value #RECENT_VIOLATIONS}</td><td>{@code sequence}</td><td>{@link Violation}</td>
 *     <td>the last {@value #RECENT_VIOLATIONS_KEPT} per task (a ring)</td></tr>
 * <tr><td>{@value #CLOCK}</td><td>{@code max-event-time}, {@code sequence}, {@code cleaned-before}</td>
 *     <td>{@code Long}</td><td>always (three keys per task)</td></tr>
 * </table>
 */
public final class EnforcementStores {

    public static final String WINDOW_STATE = "enforcement-window-state";
    public static final String SKETCHES = "enforcement-sketches";
    public static final String SEEN_VIOLATIONS = "enforcement-seen-violations";
    public static final String ACTIONS = "enforcement-actions";
    public static final String APP_VIOLATIONS = "enforcement-app-violations";
    public static final String RECENT_VIOLATIONS = "enforcement-recent-violations";
    public static final String CLOCK = "enforcement-clock";
    public static final String APP_VIOLATION_COUNTS = "enforcement-app-violation-counts";

    public static final int APP_VIOLATIONS_KEPT = 100;
    /** Days of daily windows kept for {@code GET /api/apps/{appId}/history} (its largest {@code days}). */
    public static final int HISTORY_DAYS = 31;
    public static final int RECENT_VIOLATIONS_KEPT = 500;

    static final String SEP = "|";

    private EnforcementStores() {
    }

    /** Every store of the stage, for {@code process(…, storeNames)}. */
    static String[] names() {
        return new String[] {WINDOW_STATE, SKETCHES, SEEN_VIOLATIONS, ACTIONS, APP_VIOLATIONS, RECENT_VIOLATIONS, CLOCK,
            APP_VIOLATION_COUNTS};
    }

    static Set<StoreBuilder<?>> builders(Topics topics) {
        return Set.of(
                store(WINDOW_STATE, topics.valueSerde(EnforcementWindowState.class)),
                store(SKETCHES, Serdes.ByteArray()),
                store(SEEN_VIOLATIONS, Serdes.Long()),
                store(ACTIONS, topics.valueSerde(EnforcementAction.class)),
                store(APP_VIOLATIONS, topics.valueSerde(Violation.class)),
                store(RECENT_VIOLATIONS, topics.valueSerde(Violation.class)),
                store(CLOCK, Serdes.Long()),
                store(APP_VIOLATION_COUNTS, Serdes.Long()));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> serde) {
        // caching collapses the rewrites of a hot key (a busy app's window state or sketch shard)
        // into one changelog record per commit
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde)
                .withCachingEnabled();
    }

    /** Epoch millis as 13 digits, so that keys sort by time. */
    static String time(long epochMillis) {
        return String.format(Locale.ROOT, "%013d", epochMillis);
    }

    /** A sequence number as 19 digits, so that keys sort by arrival. */
    static String sequence(long n) {
        return String.format(Locale.ROOT, "%019d", n);
    }

    /** Key of {@value #WINDOW_STATE}. */
    public static String windowKey(String appId, long windowStart) {
        return windowPrefix(windowStart) + appId;
    }

    /** Prefix of every {@value #WINDOW_STATE} key of one window. */
    public static String windowPrefix(long windowStart) {
        return time(windowStart) + SEP;
    }

    /** Key of one {@value #SKETCHES} shard. */
    static String sketchKey(String appId, long windowStart, char counter, int shard) {
        return windowKey(appId, windowStart) + SEP + counter + SEP + String.format(Locale.ROOT, "%02d", shard);
    }

    /** Key of {@value #ACTIONS}. */
    public static String actionKey(String appId, long windowStart, EnforcementKind kind) {
        return appId + SEP + time(windowStart) + SEP + tierDigit(kind);
    }

    /** First and last possible {@value #ACTIONS} key of an app's windows starting in [fromStart, toStart]. */
    public static String[] actionRange(String appId, long fromStart, long toStart) {
        return new String[] {appId + SEP + time(fromStart) + SEP + "0", appId + SEP + time(toStart) + SEP + "9"};
    }

    /** Key of {@value #APP_VIOLATIONS}. */
    static String appViolationKey(String appId, long sequence) {
        return appId + SEP + sequence(sequence);
    }

    /** The lowest and highest possible {@value #APP_VIOLATIONS} key of an app. */
    static String[] appViolationRange(String appId) {
        return new String[] {appViolationKey(appId, 0), appViolationKey(appId, Long.MAX_VALUE)};
    }

    private static int tierDigit(EnforcementKind kind) {
        return switch (kind) {
            case WARNING -> 1;
            case RESTRICT_PHONE_AUTH -> 2;
            case SUSPEND_PHONE_AUTH -> 3;
            default -> 0;
        };
    }
}
