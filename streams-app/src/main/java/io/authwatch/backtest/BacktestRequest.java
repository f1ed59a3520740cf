package io.authwatch.backtest;

import io.authwatch.policy.AppPathPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What {@code backtest} is asked (CONTRACT.md section 6): the candidate policy, the range of Kafka
 * record timestamps {@code [from, to)}, the apps to look at (empty: all), and how far before
 * {@code from} state is rebuilt from the records ({@code warmUp}).
 */
public record BacktestRequest(AppPathPolicy candidate, Instant from, Instant to, Set<String> apps, Duration warmUp) {

    public BacktestRequest {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("--warm-up " + warmUp + " is negative");
        }
        apps = Set.copyOf(apps);
    }

    /** Where the replay starts reading: {@code from} minus the warm-up. */
    public Instant warmUpStart() {
        return from.minus(warmUp);
    }

    /** Whether records of {@code appId} are replayed. */
    public boolean covers(String appId) {
        return apps.isEmpty() || apps.contains(appId);
    }
}
