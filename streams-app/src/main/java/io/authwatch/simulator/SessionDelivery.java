package io.authwatch.simulator;

import io.authwatch.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * How one session's events reach the topic: mostly in seq order at their event time; some
 * displaced (delivered just after a later event of the session, at most {@code maxDisplacement}
 * positions and {@code maxDelay} later), some delivered twice (a retry, up to 3 s later).
 * Sessions of one user are at least a minute apart, so displacement never crosses sessions.
 */
final class SessionDelivery {

    private static final long RETRY_MAX_MS = 3_000;

    /** One record to deliver; {@code order} breaks ties between equal times. */
    record Item(long time, long order, TelemetryEvent event, boolean duplicate, boolean displaced) {
    }

    private final List<Item> firstCopies;
    private final List<Item> duplicates;

    private SessionDelivery(List<Item> firstCopies, List<Item> duplicates) {
        this.firstCopies = firstCopies;
        this.duplicates = duplicates;
    }

    /** Plans delivery of {@code events} (in seq order); orders start at {@code base} and use 3n slots. */
    static SessionDelivery plan(List<TelemetryEvent> events, long base, GeneratorSettings settings, Dice dice) {
        final int n = events.size();
        final List<Item> first = new ArrayList<>(n);
        final List<Item> dups = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            final long t = time(events.get(k));
            int j = k;
            if (k < n - 1 && dice.chance(settings.outOfOrderRate())) {
                j = Math.min(n - 1, k + dice.between(1, settings.maxDisplacement()));
                while (j > k && time(events.get(j)) - t > settings.maxDelay().toMillis()) {
                    j--;
                }
            }
            final Item item = j > k
                    ? new Item(time(events.get(j)), base + 2L * j + 1, events.get(k), false, true)
                    : new Item(t, base + 2L * k, events.get(k), false, false);
            first.add(item);
            if (dice.chance(settings.duplicateRate())) {
                dups.add(new Item(item.time() + dice.millis(1, RETRY_MAX_MS), base + 2L * n + k, events.get(k), true,
                        false));
            }
        }
        return new SessionDelivery(first, dups);
    }

    /** The first copy of each event, indexed by seq. */
    List<Item> firstCopies() {
        return firstCopies;
    }

    List<Item> duplicates() {
        return duplicates;
    }

    /** Among the first copies of seq 0..{@code lastSeq}, the one delivered last. */
    Item lastDeliveredUpTo(long lastSeq) {
        Item latest = firstCopies.get(0);
        for (int k = 1; k <= lastSeq; k++) {
            final Item item = firstCopies.get(k);
            if (item.time() > latest.time() || item.time() == latest.time() && item.order() > latest.order()) {
                latest = item;
            }
        }
        return latest;
    }

    static long time(TelemetryEvent event) {
        return event.getEventTime().toEpochMilli();
    }
}
