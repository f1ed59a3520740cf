package io.authwatch.http;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.enforcement.EnforcementWindows;
import io.authwatch.metrics.MonitorMeters;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** An HTTP server over hand-filled stores for the console's browser test (lives here for package access). */
public final class ConsoleFixtures {

    public static final String WORST = "wx3f9a21c07d5e8b14";
    public static final String SECOND = "wx51c0e2aa9f376d02";
    public static final String THIRD = "wx8d2b47e1c9a05f33";

    private ConsoleFixtures() {
    }

    /**
     * Three apps in the current window. The worst has a history (today, yesterday, 3 and 6 days ago), a
     * warning today and a restriction yesterday; the second a suspension issued 3 days ago (in force for
     * 30 days); the third a warning of 9 days ago, expired.
     */
    public static OpsHttpServer start(AuthwatchConfig config, MonitorMeters meters) throws IOException {
        final Clock clock = Clock.systemUTC();
        final EnforcementWindows windows = new EnforcementWindows(config.duration("enforce.window"),
                config.zone("enforce.zone"));
        final long start = windows.windowStart(clock.millis());
        final long end = windows.windowEnd(start);
        final long yesterday = windows.previousWindowStart(start, 1);
        final long threeDaysAgo = windows.previousWindowStart(start, 3);
        final long sixDaysAgo = windows.previousWindowStart(start, 6);
        final long nineDaysAgo = windows.previousWindowStart(start, 9);
        final Instant now = clock.instant();
        final InMemoryOpsQueries stores = new InMemoryOpsQueries()
                .window(WORST, new OpsQueries.WindowCounts(start, end, 900, 230, 230 / 900.0,
                        Map.of("FIRST_SCREEN_PROMPT", 230L)))
                .window(WORST, new OpsQueries.WindowCounts(yesterday, start, 800, 120, 120 / 800.0,
                        Map.of("FIRST_SCREEN_PROMPT", 100L, "REPROMPT_AFTER_DENIAL", 31L)))
                .window(WORST, new OpsQueries.WindowCounts(threeDaysAgo, windows.windowEnd(threeDaysAgo), 700, 40,
                        40 / 700.0, Map.of("FIRST_SCREEN_PROMPT", 44L)))
                .window(WORST, new OpsQueries.WindowCounts(sixDaysAgo, windows.windowEnd(sixDaysAgo), 500, 4,
                        4 / 500.0, Map.of("FIRST_SCREEN_PROMPT", 4L)))
                .window(THIRD, new OpsQueries.WindowCounts(start, end, 600, 12, 0.02, Map.of("REPROMPT_AFTER_DENIAL", 12L)))
                .window(SECOND, new OpsQueries.WindowCounts(start, end, 750, 61, 61 / 750.0,
                        Map.of("NON_ESSENTIAL_SCENE_PROMPT", 61L)))
                .action(Fixtures.warning(WORST, start, end, now.minusSeconds(600)))
                .action(Fixtures.action(WORST, EnforcementKind.RESTRICT_PHONE_AUTH, yesterday, start,
                        Instant.ofEpochMilli(yesterday).plus(Duration.ofHours(10)), Duration.ofDays(7)))
                .action(Fixtures.action(SECOND, EnforcementKind.SUSPEND_PHONE_AUTH, threeDaysAgo,
                        windows.windowEnd(threeDaysAgo), Instant.ofEpochMilli(threeDaysAgo).plus(Duration.ofHours(15)),
                        Duration.ofDays(30)))
                .action(Fixtures.action(THIRD, EnforcementKind.WARNING, nineDaysAgo, windows.windowEnd(nineDaysAgo),
                        Instant.ofEpochMilli(nineDaysAgo).plus(Duration.ofHours(9)), Duration.ofDays(7)))
                .violation(Fixtures.firstScreenViolation(WORST, "v-worst", now.minusSeconds(30)))
                .violation(Fixtures.violation(WORST, "v-worst-reprompt", now.minusSeconds(90),
                        io.authwatch.violation.RuleId.REPROMPT_AFTER_DENIAL, io.authwatch.violation.Confidence.CONFIRMED));
        return OpsHttpServer.start(config, new StaticDirectory(), meters.registry(), stores, clock);
    }
}
