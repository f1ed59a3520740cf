package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.SHANGHAI;
import static io.authwatch.enforcement.EnforcementDriver.dayStart;
import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static io.authwatch.enforcement.EnforcementDriver.user;
import static io.authwatch.enforcement.ViolationBuilder.violation;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.violation.RuleId;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What counts, and in which window: Shanghai days, CONFIRMED only, each violationId once. */
class WindowCountingTest {

    private static final String APP = "wx-count";

    @RegisterExtension
    final EnforcementDriver driver = EnforcementDriver.perTest();

    @Test
    void shouldSplitWindowsAtShanghaiMidnight() {
        // Given 3 users affected at 23:59 and 2 at 00:01 the next day, Shanghai time (15:59 and 16:01 UTC,
        // the same UTC day)
        for (int i = 1; i <= 3; i++) {
            driver.send(violation().app(APP).user(user(i)).at(shanghai(0, 23, 59)));
        }
        for (int i = 4; i <= 5; i++) {
            driver.send(violation().app(APP).user(user(i)).at(shanghai(1, 0, 1)));
        }
        // Then they fall in two windows and neither reaches the WARNING threshold
        assertThat(driver.actions()).isEmpty();
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(3);
        assertThat(driver.window(APP, 1).getAffectedUsers()).isEqualTo(2);
        assertThat(driver.window(APP, 1).getWindowStart())
                .isEqualTo(LocalDateTime.of(2024, 5, 2, 0, 0).atZone(SHANGHAI).toInstant());
    }

    @Test
    void shouldWarnForALocalDayWithAnExclusiveEnd() {
        // When 5 users are affected at 23:59 Shanghai time
        for (int i = 1; i <= 5; i++) {
            driver.send(violation().app(APP).user(user(i)).at(shanghai(0, 23, 59).plusSeconds(i)));
        }
        // Then the WARNING's window is the Shanghai day: [00:00, next 00:00)
        final EnforcementAction warning = driver.actions().get(0);
        assertThat(warning.getWindowStart()).isEqualTo(LocalDateTime.of(2024, 5, 1, 0, 0).atZone(SHANGHAI).toInstant());
        assertThat(warning.getWindowEnd()).isEqualTo(LocalDateTime.of(2024, 5, 2, 0, 0).atZone(SHANGHAI).toInstant());
    }

    @Test
    void shouldNeverCountNeedsReviewViolations() {
        // Given 4 CONFIRMED affected users
        driver.violationsByUsers(APP, 1, 4, shanghai(0, 10, 0));
        // When 10 more users have NEEDS_REVIEW violations
        for (int i = 5; i < 15; i++) {
            driver.send(violation().app(APP).user(user(i)).at(shanghai(0, 11, 0)).needsReview());
        }
        // Then no action, and the counts hold only the CONFIRMED ones
        assertThat(driver.actions()).isEmpty();
        final EnforcementWindowState window = driver.window(APP, 0);
        assertThat(window.getAffectedUsers()).isEqualTo(4);
        assertThat(window.getViolationsByRule()).containsExactlyEntriesOf(java.util.Map.of("FIRST_SCREEN_PROMPT", 4L));
        // And the ops view still lists them
        assertThat(driver.queries().recentViolations(APP)).hasSize(14);
    }

    @Test
    void shouldNotInflateCountsWithTheSameViolationTwice() {
        // Given 4 affected users
        driver.violationsByUsers(APP, 1, 4, shanghai(0, 10, 0));
        // When a violation arrives twice, and a third copy of its id even names another user
        driver.send(violation().id("v-dup").app(APP).user(user(5)).at(shanghai(0, 11, 0)));
        driver.send(violation().id("v-dup").app(APP).user(user(5)).at(shanghai(0, 11, 0)));
        driver.send(violation().id("v-dup").app(APP).user(user(6)).at(shanghai(0, 11, 0)));
        // Then it counts once: 5 users, 5 violations, one WARNING
        assertThat(driver.actions()).extracting(EnforcementAction::getAction).containsExactly(EnforcementKind.WARNING);
        final EnforcementWindowState window = driver.window(APP, 0);
        assertThat(window.getAffectedUsers()).isEqualTo(5);
        assertThat(window.getViolationsByRule()).containsEntry("FIRST_SCREEN_PROMPT", 5L);
        assertThat(window.getSampleViolationIds()).containsOnlyOnce("v-dup");
        assertThat(driver.queries().recentViolations(APP)).extracting(v -> v.getViolationId())
                .containsOnlyOnce("v-dup");
    }

    @Test
    void shouldNotReachAThresholdWithDuplicates() {
        // When 4 users' violations each arrive three times
        for (int copy = 0; copy < 3; copy++) {
            driver.violationsByUsers(APP, 1, 4, shanghai(0, 10, 0));
        }
        // Then still 4 users and 4 violations
        assertThat(driver.actions()).isEmpty();
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(4);
        assertThat(driver.window(APP, 0).getViolationsByRule()).containsEntry("FIRST_SCREEN_PROMPT", 4L);
    }

    @Test
    void shouldCountViolationsByRule() {
        // When three first-screen prompts and two re-prompts are counted
        driver.violationsByUsers(APP, 1, 3, shanghai(0, 10, 0));
        driver.send(violation().app(APP).user(user(1)).rule(RuleId.REPROMPT_AFTER_DENIAL).at(shanghai(0, 11, 0)));
        driver.send(violation().app(APP).user(user(2)).rule(RuleId.REPROMPT_AFTER_DENIAL).at(shanghai(0, 11, 0)));
        // Then the window has them by rule name, and 3 distinct users
        final EnforcementWindowState window = driver.window(APP, 0);
        assertThat(window.getViolationsByRule())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("FIRST_SCREEN_PROMPT", 3L, "REPROMPT_AFTER_DENIAL", 2L));
        assertThat(window.getAffectedUsers()).isEqualTo(3);
    }

    @Test
    void shouldCountActiveUsersOncePerWindow() {
        // Given 3 users launching twice each on day 0 and once on day 1
        for (int round = 0; round < 2; round++) {
            driver.launches(APP, 1, 3, shanghai(0, 9 + round, 0));
        }
        driver.launches(APP, 1, 3, shanghai(1, 9, 0));
        // Then each day counts 3 active users
        assertThat(List.of(driver.window(APP, 0).getActiveUsers(), driver.window(APP, 1).getActiveUsers()))
                .containsExactly(3L, 3L);
        assertThat(driver.queries().window(APP, dayStart(2))).isEmpty();
    }

    @Test
    void shouldRefuseAnEventTimeNoWindowCanHoldBeforeChangingState() {
        // When a violation claims the year 10000
        final java.time.Instant farFuture = java.time.Instant.parse("+10000-01-01T00:00:00Z");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> driver.send(violation().id("v-future").app(APP).user(user(1)).at(farFuture)))
                // Then processing fails (the processing exception handler sends it to the DLQ)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasStackTraceContaining("outside 1970..9999");
        // And it left no trace: neither seen nor listed, and the clock did not move
        assertThat(driver.<Long>store(EnforcementStores.SEEN_VIOLATIONS).get("v-future")).isNull();
        assertThat(driver.queries().recentViolations(APP)).isEmpty();
        assertThat(driver.<Long>store(EnforcementStores.CLOCK).get("max-event-time")).isNull();
    }

    @Test
    void shouldRateAffectedUsersAgainstTheLargerOfActiveAndAffected() {
        // Given 2 active users, and 4 affected users (two of whom were not seen launching)
        driver.launches(APP, 1, 2, shanghai(0, 9, 0));
        driver.violationsByUsers(APP, 1, 4, shanghai(0, 10, 0));
        // Then the rate is 4 / max(2, 4) = 1.0, and after 8 launches 4 / 8
        assertThat(driver.window(APP, 0).getAffectedRate()).isEqualTo(1.0);
        driver.launches(APP, 1, 8, shanghai(0, 11, 0));
        assertThat(driver.window(APP, 0).getAffectedRate()).isEqualTo(0.5);
    }
}
