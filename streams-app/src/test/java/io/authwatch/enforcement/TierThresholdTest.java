package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static io.authwatch.enforcement.EnforcementKind.RESTRICT_PHONE_AUTH;
import static io.authwatch.enforcement.EnforcementKind.SUSPEND_PHONE_AUTH;
import static io.authwatch.enforcement.EnforcementKind.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each tier at, just below and just above its default thresholds, within one Shanghai day. */
class TierThresholdTest {

    private static final String APP = "wx-tiers";
    private static final Instant MORNING = shanghai(0, 9, 0);
    private static final Instant NOON = shanghai(0, 12, 0);

    @RegisterExtension
    final EnforcementDriver driver = EnforcementDriver.perTest();

    private static List<EnforcementKind> kinds(List<EnforcementAction> actions) {
        return actions.stream().map(EnforcementAction::getAction).toList();
    }

    @Test
    void shouldWarnWhenFiveUsersAreAffected() {
        // Given four affected users
        driver.violationsByUsers(APP, 1, 4, NOON);
        assertThat(driver.actions()).isEmpty();
        // When a fifth user is affected
        driver.violationsByUsers(APP, 5, 1, NOON.plusSeconds(60));
        // Then one WARNING is emitted with the counts of that moment
        final List<EnforcementAction> actions = driver.actions();
        assertThat(kinds(actions)).containsExactly(WARNING);
        assertThat(actions.get(0).getAffectedUsers()).isEqualTo(5);
    }

    @Test
    void shouldNotWarnWhenFourUsersAreAffectedHoweverManyViolations() {
        // Given four users, each with three violations
        for (int round = 0; round < 3; round++) {
            driver.violationsByUsers(APP, 1, 4, NOON.plusSeconds(round * 60L));
        }
        // Then no action: affectedUsers counts users, not violations
        assertThat(driver.actions()).isEmpty();
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(4);
        assertThat(driver.window(APP, 0).getViolationsByRule()).containsEntry("FIRST_SCREEN_PROMPT", 12L);
    }

    @Test
    void shouldWarnOnceWithTheCrossingCountsWhenSixUsersAreAffected() {
        // When six users are affected
        driver.violationsByUsers(APP, 1, 6, NOON);
        // Then a single WARNING, emitted when the fifth crossed the threshold
        final List<EnforcementAction> actions = driver.actions();
        assertThat(kinds(actions)).containsExactly(WARNING);
        assertThat(actions.get(0).getAffectedUsers()).isEqualTo(5);
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(6);
    }

    @Test
    void shouldRestrictAtFiftyAffectedUsersAndFivePercent() {
        // Given 1,000 active users
        driver.launches(APP, 1, 1_000, MORNING);
        // When 50 of them are affected (rate 0.05)
        driver.violationsByUsers(APP, 1, 50, NOON);
        // Then WARNING at the 5th and RESTRICT at the 50th
        final List<EnforcementAction> actions = driver.actions();
        assertThat(kinds(actions)).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
        final EnforcementAction restrict = actions.get(1);
        assertThat(restrict.getActiveUsers()).isEqualTo(1_000);
        assertThat(restrict.getAffectedUsers()).isEqualTo(50);
        assertThat(restrict.getAffectedRate()).isEqualTo(0.05);
    }

    @Test
    void shouldNotRestrictAtFortyNineAffectedUsers() {
        // Given no active-user dilution at all (rate 1.0)
        // When 49 users are affected
        driver.violationsByUsers(APP, 1, 49, NOON);
        // Then only the WARNING
        assertThat(kinds(driver.actions())).containsExactly(WARNING);
    }

    @Test
    void shouldNotRestrictFiftyAffectedUsersBelowFivePercent() {
        // Given 1,001 active users
        driver.launches(APP, 1, 1_001, MORNING);
        // When 50 of them are affected (rate 0.04995)
        driver.violationsByUsers(APP, 1, 50, NOON);
        // Then only the WARNING
        assertThat(kinds(driver.actions())).containsExactly(WARNING);
        assertThat(driver.window(APP, 0).getAffectedRate()).isLessThan(0.05);
    }

    @Test
    void shouldRestrictOnceWhenFiftyOneUsersAreAffected() {
        // Given 1,000 active users
        driver.launches(APP, 1, 1_000, MORNING);
        // When 51 of them are affected
        driver.violationsByUsers(APP, 1, 51, NOON);
        // Then one RESTRICT, with the counts at the 50th
        final List<EnforcementAction> actions = driver.actions();
        assertThat(kinds(actions)).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
        assertThat(actions.get(1).getAffectedUsers()).isEqualTo(50);
    }

    @Test
    void shouldSuspendAtTwoHundredAffectedUsersAndTwentyPercent() {
        // Given 1,000 active users
        driver.launches(APP, 1, 1_000, MORNING);
        // When 200 of them are affected (rate 0.20)
        driver.violationsByUsers(APP, 1, 200, NOON);
        // Then the three tiers, lowest first, each with the counts of its own crossing
        final List<EnforcementAction> actions = driver.actions();
        assertThat(kinds(actions)).containsExactly(WARNING, RESTRICT_PHONE_AUTH, SUSPEND_PHONE_AUTH);
        assertThat(actions).extracting(EnforcementAction::getAffectedUsers).containsExactly(5L, 50L, 200L);
        assertThat(actions.get(2).getAffectedRate()).isEqualTo(0.20);
    }

    @Test
    void shouldNotSuspendAtOneHundredNinetyNineAffectedUsers() {
        // Given 1,000 active users
        driver.launches(APP, 1, 1_000, MORNING);
        // When 199 of them are affected
        driver.violationsByUsers(APP, 1, 199, NOON);
        // Then no SUSPEND
        assertThat(kinds(driver.actions())).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
    }

    @Test
    void shouldNotSuspendTwoHundredAffectedUsersBelowTwentyPercent() {
        // Given 1,001 active users
        driver.launches(APP, 1, 1_001, MORNING);
        // When 200 of them are affected (rate 0.1998)
        driver.violationsByUsers(APP, 1, 200, NOON);
        // Then no SUSPEND
        assertThat(kinds(driver.actions())).containsExactly(WARNING, RESTRICT_PHONE_AUTH);
    }

    @Test
    void shouldSuspendOnceWhenTwoHundredAndOneUsersAreAffected() {
        // Given 1,000 active users
        driver.launches(APP, 1, 1_000, MORNING);
        // When 201 of them are affected
        driver.violationsByUsers(APP, 1, 201, NOON);
        // Then one SUSPEND, with the counts at the 200th
        final List<EnforcementAction> actions = driver.actions();
        assertThat(kinds(actions)).containsExactly(WARNING, RESTRICT_PHONE_AUTH, SUSPEND_PHONE_AUTH);
        assertThat(actions.get(2).getAffectedUsers()).isEqualTo(200);
    }

    @Test
    void shouldEmitEveryTierCrossedByOneViolationLowestFirst() {
        // Given thresholds that one affected user crosses
        driver.restartWith(Map.of("enforce.warning.min-users", "1",
                "enforce.restrict.min-users", "1", "enforce.suspend.min-users", "1"));
        // When one user is affected
        driver.violationsByUsers(APP, 1, 1, NOON);
        // Then WARNING, RESTRICT and SUSPEND, in that order, from the same violation
        final List<EnforcementAction> actions = driver.actions();
        assertThat(kinds(actions)).containsExactly(WARNING, RESTRICT_PHONE_AUTH, SUSPEND_PHONE_AUTH);
        assertThat(actions).extracting(EnforcementAction::getEffectiveFrom).containsOnly(NOON);
    }

    @Test
    void shouldHonourConfiguredThresholds() {
        // Given a WARNING threshold of 3 users
        driver.restartWith(Map.of("enforce.warning.min-users", "3"));
        // When three users are affected
        driver.violationsByUsers(APP, 1, 3, NOON);
        // Then a WARNING
        assertThat(kinds(driver.actions())).containsExactly(WARNING);
    }

    @Test
    void shouldNeverEmitTheSameTierTwiceInAWindow() {
        // Given a WARNING already emitted
        driver.violationsByUsers(APP, 1, 5, NOON);
        assertThat(kinds(driver.actions())).containsExactly(WARNING);
        // When the same users violate again and 40 more users are affected
        driver.violationsByUsers(APP, 1, 5, NOON.plusSeconds(3_600));
        driver.violationsByUsers(APP, 6, 40, NOON.plusSeconds(7_200));
        // Then no further action (45 users stay under the RESTRICT threshold)
        assertThat(driver.actions()).isEmpty();
        assertThat(driver.actionsCounted(WARNING)).isEqualTo(1.0);
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(45);
    }
}
