package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static io.authwatch.enforcement.EnforcementDriver.user;
import static io.authwatch.enforcement.ViolationBuilder.violation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late events: once the task has seen an eventTime at or past a window's end plus enforce.grace
 * (PT1H), that window's counts are frozen, and what still arrives for it is counted as late.
 */
class LateEventTest {

    private static final String APP = "wx-late";
    private static final String OTHER = "wx-other";

    @RegisterExtension
    final EnforcementDriver driver = EnforcementDriver.perTest();

    @BeforeEach
    void given() {
        // Given 4 affected users and 4 active users on day 0
        driver.launches(APP, 1, 4, shanghai(0, 9, 0));
        driver.violationsByUsers(APP, 1, 4, shanghai(0, 10, 0));
    }

    /** Another app's event moves the task's clock. */
    private void clockReaches(int day, int hour, int minute) {
        driver.send(violation().app(OTHER).user("someone").at(shanghai(day, hour, minute)));
    }

    @Test
    void shouldNotCountAViolationArrivingAfterTheGrace() {
        // Given the clock at day 1 01:00, the end of day 0 plus one hour
        clockReaches(1, 1, 0);
        // When a fifth user's violation of day 0 arrives
        driver.send(violation().app(APP).user(user(5)).at(shanghai(0, 22, 0)));
        // Then it changes nothing and is counted as late
        assertThat(driver.actions()).isEmpty();
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(4);
        assertThat(driver.window(APP, 0).getViolationsByRule()).containsEntry("FIRST_SCREEN_PROMPT", 4L);
        assertThat(driver.lateEvents()).isEqualTo(1.0);
    }

    @Test
    void shouldCountAViolationArrivingWithinTheGrace() {
        // Given the clock at day 1 00:59, within the grace
        clockReaches(1, 0, 59);
        // When a fifth user's violation of day 0 arrives
        driver.send(violation().app(APP).user(user(5)).at(shanghai(0, 22, 0)));
        // Then it counts and crosses the WARNING threshold
        assertThat(driver.actions()).extracting(EnforcementAction::getAction).containsExactly(EnforcementKind.WARNING);
        assertThat(driver.lateEvents()).isZero();
    }

    @Test
    void shouldNotCountALateLaunch() {
        // Given the clock past the close of day 0
        clockReaches(2, 0, 0);
        // When two more users' launches of day 0 arrive
        driver.launches(APP, 10, 2, shanghai(0, 23, 0));
        // Then day 0 still has 4 active users, and both launches are counted as late
        assertThat(driver.window(APP, 0).getActiveUsers()).isEqualTo(4);
        assertThat(driver.lateEvents()).isEqualTo(2.0);
    }

    @Test
    void shouldListALateViolationWithoutCountingIt() {
        // Given the clock past the close of day 0
        clockReaches(1, 2, 0);
        // When a late violation arrives
        driver.send(violation().id("v-late").app(APP).user(user(5)).at(shanghai(0, 22, 0)));
        // Then the ops view lists it, the counts ignore it
        assertThat(driver.queries().recentViolations(APP)).extracting(v -> v.getViolationId()).contains("v-late");
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(4);
    }

    @Test
    void shouldKeepCountingTheOpenWindow() {
        // Given the clock past the close of day 0
        clockReaches(1, 2, 0);
        // When 5 users are affected on day 1
        driver.violationsByUsers(APP, 1, 5, shanghai(1, 3, 0));
        // Then day 1 gets its WARNING and nothing is late
        assertThat(driver.actions()).extracting(EnforcementAction::getAction).containsExactly(EnforcementKind.WARNING);
        assertThat(driver.lateEvents()).isZero();
    }
}
