package io.authwatch.backtest;

import java.time.Duration;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The wall clock of a replay, driven by the input alone: it follows the largest Kafka record
 * timestamp piped so far, so a time-based decision (a skipped seq gap, a quiet session) depends only
 * on what the topic holds, never on how fast the replay runs. At the end of the input the task is
 * caught up: {@link #drain} moves the clock on as a live monitor's would once no more records come.
 *
 * <p>The driver's clock is moved (which runs the wall-clock punctuators and commits) only once the
 * input has moved it by at least {@code step}: a live monitor's sweep has the same granularity, and
 * each move costs a commit.
 */
final class ReplayClock {

    private final TopologyTestDriver driver;
    private final long stepMs;
    private long nowMs;

    ReplayClock(TopologyTestDriver driver, long startMs, Duration step) {
        this.driver = driver;
        this.nowMs = startMs;
        this.stepMs = Math.max(1, step.toMillis());
    }

    /** Before a record with Kafka timestamp {@code timestampMs} is piped. */
    void beforeRecord(long timestampMs) {
        if (timestampMs - nowMs >= stepMs) {
            advanceTo(timestampMs);
        }
    }

    /** Caught up at the end of the input: the clock runs on for {@code span}, one sweep step at a time. */
    void drain(Duration span, Duration sweep) {
        final long end = nowMs + span.toMillis();
        final long by = Math.max(1, sweep.toMillis());
        while (nowMs < end) {
            advanceTo(Math.min(end, nowMs + by));
        }
    }

    long nowMs() {
        return nowMs;
    }

    private void advanceTo(long targetMs) {
        driver.advanceWallClockTime(Duration.ofMillis(targetMs - nowMs));
        nowMs = targetMs;
    }
}
