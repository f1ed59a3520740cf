package io.authwatch.enforcement;

import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task's event-time clock: the largest eventTime it has seen, kept in the {@value EnforcementStores#CLOCK}
 * store so that after a restart or a rebalance the same input is judged late or on time as before.
 *
 * <p>A window is closed once this clock reaches its end plus {@code enforce.grace}; an event of a
 * closed window is late.
 */
final class EnforcementClock {

    private static final String MAX_EVENT_TIME = "max-event-time";
    private static final String SEQUENCE = "sequence";
    private static final String CLEANED_BEFORE = "cleaned-before";

    private final KeyValueStore<String, Long> store;
    private final EnforcementWindows windows;
    private final long graceMs;

    EnforcementClock(KeyValueStore<String, Long> store, EnforcementWindows windows, Duration grace) {
        this.store = store;
        this.windows = windows;
        this.graceMs = grace.toMillis();
    }

    /** Advances the clock to {@code eventTimeMs} if that is later. */
    void observe(long eventTimeMs) {
        final Long max = store.get(MAX_EVENT_TIME);
        if (max == null || eventTimeMs > max) {
            store.put(MAX_EVENT_TIME, eventTimeMs);
        }
    }

    /** Whether the window starting at {@code windowStartMs} has closed. */
    boolean isClosed(long windowStartMs) {
        final Long max = store.get(MAX_EVENT_TIME);
        return max != null && windows.windowEnd(windowStartMs) + graceMs <= max;
    }

    /**
     * The start of the oldest window still open: every window starting earlier has closed. Long.MIN_VALUE
     * before the first event.
     */
    long oldestOpenWindowStart() {
        final Long max = store.get(MAX_EVENT_TIME);
        return max == null ? Long.MIN_VALUE : windows.windowStart(max - graceMs);
    }

    /** The largest eventTime seen, epoch millis; Long.MIN_VALUE before the first event. */
    long maxEventTime() {
        final Long max = store.get(MAX_EVENT_TIME);
        return max == null ? Long.MIN_VALUE : max;
    }

    /** The next number of the task's arrival sequence (used to key the recent-violation stores). */
    long nextSequence() {
        final Long last = store.get(SEQUENCE);
        final long next = last == null ? 1 : last + 1;
        store.put(SEQUENCE, next);
        return next;
    }

    /** The oldest-open-window start at the last retention sweep (Long.MIN_VALUE before the first). */
    long cleanedBefore() {
        final Long v = store.get(CLEANED_BEFORE);
        return v == null ? Long.MIN_VALUE : v;
    }

    void cleanedBefore(long windowStartMs) {
        store.put(CLEANED_BEFORE, windowStartMs);
    }
}
