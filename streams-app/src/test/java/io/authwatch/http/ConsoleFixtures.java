package io.authwatch.http;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementWindows;
import io.authwatch.metrics.MonitorMeters;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** An HTTP server over hand-filled stores for the console's browser test (lives here for package access). */
public final class ConsoleFixtures {

    public static final String WORST = "wx3f9a21c07d5e8b14";
    public static final String SECOND = "wx51c0e2aa9f376d02";
    public static final String THIRD = "wx8d2b47e1c9a05f33";

    private ConsoleFixtures() {
    }

    public static OpsHttpServer start(AuthwatchConfig config, MonitorMeters meters) throws IOException {
        final Clock clock = Clock.systemUTC();
        final EnforcementWindows windows = new EnforcementWindows(config.duration("enforce.window"),
                config.zone("enforce.zone"));
        final long start = windows.windowStart(clock.millis());
        final long end = windows.windowEnd(start);
        final Instant now = clock.instant();
        final InMemoryOpsQueries stores = new InMemoryOpsQueries()
                .window(WORST, new OpsQueries.WindowCounts(start, end, 900, 230, 230 / 900.0,
                        Map.of("FIRST_SCREEN_PROMPT", 230L)))
                .window(THIRD, new OpsQueries.WindowCounts(start, end, 600, 12, 0.02, Map.of("REPROMPT_AFTER_DENIAL", 12L)))
                .window(SECOND, new OpsQueries.WindowCounts(start, end, 750, 61, 61 / 750.0,
                        Map.of("NON_ESSENTIAL_SCENE_PROMPT", 61L)))
                .action(Fixtures.warning(WORST, start, end, now.minusSeconds(600)))
                .violation(Fixtures.firstScreenViolation(WORST, "v-worst", now.minusSeconds(30)));
        return OpsHttpServer.start(config, new StaticDirectory(), meters.registry(), stores, clock);
    }
}
