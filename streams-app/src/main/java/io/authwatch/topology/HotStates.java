package io.authwatch.topology;

import io.authwatch.internal.DetectionState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded states of the users a detect processor saw most recently, so that a user's next event
 * does not decode the whole state again from the store (the profile's largest cost per event).
 *
 * <p>Write-through: every change is also put in (or deleted from) the store at once, so the store and
 * its changelog stay the truth and nothing here has to be flushed. An entry is dropped when
 * processing of its user fails (its object may be half-changed while the store still holds the state
 * before the event), and the whole cache when the processor is closed or initialised again (a task
 * closed dirty under exactly-once has its store restored from the changelog). Least recently used
 * entries go first once {@code capacity} is reached.
 */
final class HotStates {

    private final Map<String, DetectionState> states;

    HotStates(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.states = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DetectionState> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached state of {@code userKey}, or null. */
    DetectionState get(String userKey) {
        return states.get(userKey);
    }

    void put(String userKey, DetectionState state) {
        states.put(userKey, state);
    }

    void remove(String userKey) {
        states.remove(userKey);
    }

    void clear() {
        states.clear();
    }

    int size() {
        return states.size();
    }
}
