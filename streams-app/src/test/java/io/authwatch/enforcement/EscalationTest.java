package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.dayStart;
import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static io.authwatch.enforcement.EnforcementKind.RESTRICT_PHONE_AUTH;
import static io.authwatch.enforcement.EnforcementKind.SUSPEND_PHONE_AUTH;
import static io.authwatch.enforcement.EnforcementKind.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Escalation across windows: a WARNING in any of the previous 7 windows turns a repeat of 5 affected
 * users into a RESTRICT; a RESTRICT in any of the previous 30 turns a repeat of the RESTRICT condition
 * into a SUSPEND. Each day below is a Shanghai day after 2024-05-01.
 */
class EscalationTest {

    private static final String APP = "wx-repeat";

    @RegisterExtension
    final EnforcementDriver driver = EnforcementDriver.perTest();

    /** Users of a day get distinct names, so no user carries over from one day to the next. */
    private void affectUsers(int day, int count) {
        driver.violationsByUsers(APP, day * 1_000, count, shanghai(day, 12, 0));
    }

    private List<EnforcementKind> kinds() {
        return driver.actions().stream().map(EnforcementAction::getAction).toList();
    }

    /** A WARNING on day 0 with 5 affected users among 1,000 active (well under 5%). */
    private void warnedOnDayZero() {
        driver.launches(APP, 0, 1_000, shanghai(0, 9, 0));
        affectUsers(0, 5);
        assertThat(kinds()).containsExactly(WARNING);
    }

    /** WARNING and RESTRICT on day 0: 50 affected users and no dilution. */
    private void restrictedOnDayZero() {
        affectUsers(0, 50);
        assertThat(kinds()).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
    }

    @Test
    void shouldRestrictARepeatThreeWindowsAfterAWarning() {
        // Given a WARNING on day 0
        warnedOnDayZero();
        // When 5 users are affected again on day 3, among 1,000 active
        driver.launches(APP, 3_000, 1_000, shanghai(3, 9, 0));
        affectUsers(3, 5);
        // Then the repeat brings a WARNING and a RESTRICT on day 3, with rate far below 5%
        final List<EnforcementAction> actions = driver.actions();
        assertThat(actions).extracting(EnforcementAction::getAction).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
        final EnforcementAction restrict = actions.get(1);
        assertThat(restrict.getWindowStart().toEpochMilli()).isEqualTo(dayStart(3));
        assertThat(restrict.getAffectedUsers()).isEqualTo(5);
        assertThat(restrict.getAffectedRate()).isEqualTo(0.005);
        assertThat(restrict.getReason()).contains("warned on 2024-05-01");
    }

    @Test
    void shouldRestrictARepeatSevenWindowsAfterAWarning() {
        // Given a WARNING on day 0
        warnedOnDayZero();
        // When 5 users are affected on day 7, the last window of the look-back
        affectUsers(7, 5);
        // Then RESTRICT
        assertThat(kinds()).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
    }

    @Test
    void shouldNotRestrictARepeatEightWindowsAfterAWarning() {
        // Given a WARNING on day 0
        warnedOnDayZero();
        // When 5 users are affected on day 8, past the 7-window look-back
        affectUsers(8, 5);
        // Then only a new WARNING
        assertThat(kinds()).containsExactly(WARNING);
    }

    @Test
    void shouldNotRestrictFourUsersAfterAWarning() {
        // Given a WARNING on day 0
        warnedOnDayZero();
        // When only 4 users are affected on day 1
        affectUsers(1, 4);
        // Then nothing
        assertThat(driver.actions()).isEmpty();
    }

    @Test
    void shouldSuspendARepeatedRestrictThirtyWindowsLater() {
        // Given a RESTRICT on day 0
        restrictedOnDayZero();
        // When the RESTRICT thresholds are met again on day 30, the last window of the look-back
        affectUsers(30, 50);
        // Then WARNING, RESTRICT and, escalated, SUSPEND
        final List<EnforcementAction> actions = driver.actions();
        assertThat(actions).extracting(EnforcementAction::getAction)
                .containsExactly(WARNING, RESTRICT_PHONE_AUTH, SUSPEND_PHONE_AUTH);
        assertThat(actions.get(2).getAffectedUsers()).isEqualTo(50);
        assertThat(actions.get(2).getReason()).contains("already restricted on 2024-05-01");
    }

    @Test
    void shouldSuspendARepeatedRestrictTheNextWindow() {
        // Given a RESTRICT on day 0
        restrictedOnDayZero();
        // When the RESTRICT thresholds are met again on day 1
        affectUsers(1, 50);
        // Then SUSPEND at the 50th user, and the RESTRICT escalated from the WARNING already at the 5th
        assertThat(driver.actions()).extracting(EnforcementAction::getAction, EnforcementAction::getAffectedUsers)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WARNING, 5L),
                        org.assertj.core.groups.Tuple.tuple(RESTRICT_PHONE_AUTH, 5L),
                        org.assertj.core.groups.Tuple.tuple(SUSPEND_PHONE_AUTH, 5L));
    }

    @Test
    void shouldNotSuspendARepeatedRestrictThirtyOneWindowsLater() {
        // Given a RESTRICT on day 0
        restrictedOnDayZero();
        // When the RESTRICT thresholds are met again on day 31, past the 30-window look-back
        affectUsers(31, 50);
        // Then WARNING and RESTRICT only
        assertThat(kinds()).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
    }

    @Test
    void shouldNotSuspendAfterARestrictWhenTheRestrictConditionDoesNotHold() {
        // Given a RESTRICT on day 0
        restrictedOnDayZero();
        // When on day 10 only 40 of 1,000 active users are affected (no WARNING in the previous 7 days)
        driver.launches(APP, 10_000, 1_000, shanghai(10, 9, 0));
        affectUsers(10, 40);
        // Then just the WARNING
        assertThat(kinds()).containsExactly(WARNING);
    }

    @Test
    void shouldSuspendWhenARestrictIsFollowedByAWarningRepeat() {
        // Given a WARNING and a RESTRICT on day 0
        restrictedOnDayZero();
        // When 5 of 1,000 active users are affected on day 2: the RESTRICT condition holds by its
        // escalation clause (a WARNING within 7 windows and 5 users again)
        driver.launches(APP, 2_000, 1_000, shanghai(2, 9, 0));
        affectUsers(2, 5);
        // Then RESTRICT and SUSPEND are both escalated
        assertThat(kinds()).containsExactly(WARNING, RESTRICT_PHONE_AUTH, SUSPEND_PHONE_AUTH);
    }

    @Test
    void shouldHonourConfiguredLookbacks() {
        // Given a WARNING look-back of 2 windows
        driver.restartWith(Map.of("enforce.warning.lookback-windows", "2"));
        warnedOnDayZero();
        // When 5 users are affected on day 3
        affectUsers(3, 5);
        // Then no escalation
        assertThat(kinds()).containsExactly(WARNING);
    }
}
