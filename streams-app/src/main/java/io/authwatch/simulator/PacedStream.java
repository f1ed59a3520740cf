package io.authwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Releases generated records at the pace of their delivery times: with {@code speed} 1, a record
 * whose delivery time is 5 s after the first record's comes 5 s of wall-clock time later. For the
 * demo, start the generator at the current time so event times track the wall clock. The sleep
 * is injected so tests need not wait.
 */
public final class PacedStream implements Iterator<GeneratedEvent> {

    /** Waits for a duration (a thread sleep in production). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Iterator<GeneratedEvent> source;
    private final Clock clock;
    private final Sleeper sleeper;
    private final double speed;
    private Instant wallStart;
    private long simStart;

    public PacedStream(Iterator<GeneratedEvent> source, Clock clock, Sleeper sleeper, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        this.source = source;
        this.clock = clock;
        this.sleeper = sleeper;
        this.speed = speed;
    }

    /** A real-time stream on the system clock. */
    public static PacedStream realTime(Iterator<GeneratedEvent> source) {
        return new PacedStream(source, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), 1.0);
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    /** The next record, once its time has come; throws {@link IllegalStateException} if interrupted. */
    @Override
    public GeneratedEvent next() {
        if (!source.hasNext()) {
            throw new NoSuchElementException();
        }
        final GeneratedEvent event = source.next();
        if (wallStart == null) {
            wallStart = clock.instant();
            simStart = event.deliverAt();
            return event;
        }
        final Instant due = wallStart.plusMillis((long) ((event.deliverAt() - simStart) / speed));
        final Duration wait = Duration.between(clock.instant(), due);
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the simulated traffic", e);
            }
        }
        return event;
    }
}
