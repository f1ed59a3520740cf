package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static io.authwatch.enforcement.EnforcementDriver.user;
import static io.authwatch.enforcement.ViolationBuilder.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enforce.* keys of CONTRACT.md sections 5 and 7 change what the stage does when set: each test
 * runs one scenario with a non-default value against the default.
 */
class EnforcementConfigTest {

    private static final String APP = "wx-config";

    @TempDir
    Path stateDir;

    @Test
    void shouldExpireEachTierAfterItsConfiguredDuration() {
        // Given 200 of 200 users affected: every tier is crossed
        final Map<String, String> durations = Map.of("enforce.warning.expires-after", "P3D",
                "enforce.restrict.expires-after", "P14D", "enforce.suspend.expires-after", "P90D");

        // Then expiresAt = effectiveFrom + the configured duration of each tier
        final List<EnforcementAction> actions = everyTier(durations);
        assertThat(actions).extracting(EnforcementAction::getAction).containsExactly(EnforcementKind.WARNING,
                EnforcementKind.RESTRICT_PHONE_AUTH, EnforcementKind.SUSPEND_PHONE_AUTH);
        assertThat(actions).extracting(a -> Duration.between(a.getEffectiveFrom(), a.getExpiresAt()))
                .containsExactly(Duration.ofDays(3), Duration.ofDays(14), Duration.ofDays(90));
        // and by default 7, 7 and 30 days
        assertThat(everyTier(Map.of())).extracting(a -> Duration.between(a.getEffectiveFrom(), a.getExpiresAt()))
                .containsExactly(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30));
    }

    @Test
    void shouldAlignWindowsToMidnightInTheConfiguredZone() {
        // Given windows aligned to UTC midnight, 5 users affected at 23:59 Shanghai time (15:59 UTC)
        try (EnforcementDriver driver = new EnforcementDriver(stateDir.resolve("utc"), Map.of("enforce.zone", "UTC"))) {
            driver.violationsByUsers(APP, 1, 5, shanghai(0, 23, 59));

            // Then the WARNING's window is the UTC day
            final EnforcementAction warning = driver.actions().get(0);
            assertThat(warning.getWindowStart()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
            assertThat(warning.getWindowEnd()).isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
        }
    }

    @Test
    void shouldUseTheConfiguredWindowSize() {
        // Given 12-hour windows (aligned to Shanghai midnight): 3 users affected in the morning, 3 in the evening
        try (EnforcementDriver driver = new EnforcementDriver(stateDir.resolve("half"), Map.of("enforce.window", "PT12H"))) {
            driver.violationsByUsers(APP, 1, 3, shanghai(0, 9, 0));
            driver.violationsByUsers(APP, 4, 3, shanghai(0, 21, 0));

            // Then neither half-day reaches 5 users (a whole day would)
            assertThat(driver.actions()).isEmpty();
            driver.violationsByUsers(APP, 7, 2, shanghai(0, 22, 0));
            final EnforcementAction warning = driver.actions().get(0);
            assertThat(warning.getWindowStart()).isEqualTo(shanghai(0, 12, 0));
            assertThat(warning.getWindowEnd()).isEqualTo(shanghai(1, 0, 0));
            assertThat(warning.getAffectedUsers()).isEqualTo(5);
        }
    }

    @Test
    void shouldFreezeAWindowAfterTheConfiguredGrace() {
        // Given a grace of 10 minutes, 4 users affected on day 0, and the clock at day 1 00:30
        try (EnforcementDriver driver = new EnforcementDriver(stateDir.resolve("grace"), Map.of("enforce.grace", "PT10M"))) {
            driver.violationsByUsers(APP, 1, 4, shanghai(0, 10, 0));
            driver.send(violation().app("wx-clock").user("someone").at(shanghai(1, 0, 30)));

            // When a fifth user's violation of day 0 arrives (within the default hour, past 10 minutes)
            driver.send(violation().app(APP).user(user(5)).at(shanghai(0, 23, 0)));

            // Then it is late: no WARNING
            assertThat(driver.actions()).isEmpty();
            assertThat(driver.lateEvents()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldSuspendAtTheConfiguredRateAndUsers() {
        // Given SUSPEND at 10 users and 50%: 10 of 20 active users affected
        try (EnforcementDriver driver = new EnforcementDriver(stateDir.resolve("suspend"),
                Map.of("enforce.suspend.min-users", "10", "enforce.suspend.min-rate", "0.5"))) {
            driver.launches(APP, 1, 20, shanghai(0, 9, 0));
            driver.violationsByUsers(APP, 1, 10, shanghai(0, 10, 0));

            // Then WARNING and SUSPEND (RESTRICT needs 50 users)
            assertThat(driver.actions()).extracting(EnforcementAction::getAction)
                    .containsExactly(EnforcementKind.WARNING, EnforcementKind.SUSPEND_PHONE_AUTH);
        }
    }

    @Test
    void shouldEscalateToSuspendOnlyWithinTheConfiguredRestrictLookback() {
        // Given a RESTRICT look-back of 2 windows, and a RESTRICT on day 0
        try (EnforcementDriver driver = new EnforcementDriver(stateDir.resolve("lookback"),
                Map.of("enforce.restrict.lookback-windows", "2"))) {
            driver.violationsByUsers(APP, 1, 50, shanghai(0, 10, 0));
            assertThat(driver.actions()).extracting(EnforcementAction::getAction)
                    .containsExactly(EnforcementKind.WARNING, EnforcementKind.RESTRICT_PHONE_AUTH);

            // When the RESTRICT thresholds are met again on day 3
            driver.violationsByUsers(APP, 1_000, 50, shanghai(3, 10, 0));

            // Then no SUSPEND (it would be within the default 30 windows)
            assertThat(driver.actions()).extracting(EnforcementAction::getAction)
                    .doesNotContain(EnforcementKind.SUSPEND_PHONE_AUTH);
        }
    }

    private List<EnforcementAction> everyTier(Map<String, String> config) {
        try (EnforcementDriver driver = new EnforcementDriver(stateDir.resolve("tiers-" + config.size()), config)) {
            driver.violationsByUsers(APP, 1, 200, shanghai(0, 10, 0));
            return driver.actions();
        }
    }
}
