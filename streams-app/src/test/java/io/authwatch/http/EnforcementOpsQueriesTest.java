package io.authwatch.http;

import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.enforcement.EnforcementQueries;
import io.authwatch.enforcement.EnforcementStores;
import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the query API tells about an app from the enforcement stores of the whole topology: an app
 * that was seen is answered for (CONTRACT.md section 8: 404 only for an app never seen), even when it
 * has nothing in the current window.
 */
class EnforcementOpsQueriesTest {

    private static final String HOME = "pages/index/index";
    /** The Shanghai day after {@link Telemetry#T0}'s. */
    private static final long NEXT_DAY = Instant.parse("2025-03-01T16:00:00Z").toEpochMilli();
    private static final long T0_DAY = Instant.parse("2025-02-28T16:00:00Z").toEpochMilli();

    @TempDir
    Path stateDir;
    private DetectionDriver driver;
    private EnforcementOpsQueries queries;

    @BeforeEach
    void start() {
        driver = new DetectionDriver(stateDir);
        queries = new EnforcementOpsQueries(() -> new EnforcementQueries(
                driver.driver().getKeyValueStore(EnforcementStores.WINDOW_STATE),
                driver.driver().getKeyValueStore(EnforcementStores.ACTIONS),
                driver.driver().getKeyValueStore(EnforcementStores.APP_VIOLATIONS),
                driver.driver().getKeyValueStore(EnforcementStores.RECENT_VIOLATIONS)));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldAnswerForAnAppSeenOnlyInAnEarlierWindow() {
        // Given a compliant app used on one day (activity, no violation)
        driver.pipe(Telemetry.session("wx-compliant", "user-1", "s1").launch(HOME).page(HOME).tap(HOME)
                .prompt("p1", HOME, NAVIGATION, "pages/login/index", false).grant("p1"));

        // When ops ask about it on that day, and on the next day
        final var sameDay = queries.app("wx-compliant", T0_DAY, 20);
        final var nextDay = queries.app("wx-compliant", NEXT_DAY, 20);

        // Then it is known on both: with its counts on that day, and with no counts (not a 404) the next
        assertThat(sameDay).hasValueSatisfying(app -> assertThat(app.window().activeUsers()).isEqualTo(1));
        assertThat(nextDay).hasValueSatisfying(app -> {
            assertThat(app.appId()).isEqualTo("wx-compliant");
            assertThat(app.window()).isNull();
            assertThat(app.latestAction()).isNull();
            assertThat(app.recentViolations()).isEmpty();
        });
        // and an app never seen is not
        assertThat(queries.app("wx-never", NEXT_DAY, 20)).isEmpty();
        assertThat(queries.app("compliant", NEXT_DAY, 20)).isEmpty();
    }
}
