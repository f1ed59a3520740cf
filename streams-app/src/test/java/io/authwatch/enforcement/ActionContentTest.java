package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.dayStart;
import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static io.authwatch.enforcement.EnforcementDriver.user;
import static io.authwatch.enforcement.ViolationBuilder.violation;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.violation.RuleId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fields of an emitted action: ids, times, counts, samples, reason, policy version. */
class ActionContentTest {

    private static final String APP = "wx-content";
    private static final Instant CROSSING = shanghai(0, 14, 30);

    @TempDir
    Path firstDir;
    @TempDir
    Path secondDir;

    /** 1,000 active users, then 200 affected: 3 re-prompts, the rest first-screen prompts; the 5th, 50th and 200th cross. */
    private static List<EnforcementAction> actions(Path stateDir) {
        try (EnforcementDriver driver = new EnforcementDriver(stateDir)) {
            driver.launches(APP, 1, 1_000, shanghai(0, 8, 0));
            for (int i = 1; i <= 200; i++) {
                final Instant at = i == 5 ? CROSSING : shanghai(0, 9, 0).plusSeconds(i);
                driver.send(violation().id("v-" + i).app(APP).user(user(i)).at(at).policyVersion(i == 5 ? 7 : 3)
                        .rule(i <= 3 ? RuleId.REPROMPT_AFTER_DENIAL : RuleId.FIRST_SCREEN_PROMPT));
            }
            return driver.actions();
        }
    }

    @Test
    void shouldDescribeTheWarningFromTheViolationThatCrossed() {
        // When the 5th user's violation crosses the WARNING threshold
        final EnforcementAction warning = actions(firstDir).get(0);
        // Then the action is effective from that violation's eventTime, carries its policy version,
        // and expires at the rectification deadline 7 days later
        assertThat(warning.getAppId()).isEqualTo(APP);
        assertThat(warning.getEffectiveFrom()).isEqualTo(CROSSING);
        assertThat(warning.getExpiresAt()).isEqualTo(CROSSING.plus(Duration.ofDays(7)));
        assertThat(warning.getPolicyVersion()).isEqualTo(7);
        assertThat(warning.getWindowStart().toEpochMilli()).isEqualTo(dayStart(0));
        assertThat(warning.getWindowEnd().toEpochMilli()).isEqualTo(dayStart(1));
        assertThat(warning.getActiveUsers()).isEqualTo(1_000);
        assertThat(warning.getAffectedUsers()).isEqualTo(5);
        assertThat(warning.getAffectedRate()).isEqualTo(0.005);
        assertThat(warning.getViolationsByRule())
                .containsExactlyInAnyOrderEntriesOf(Map.of("REPROMPT_AFTER_DENIAL", 3L, "FIRST_SCREEN_PROMPT", 2L));
        assertThat(warning.getSampleViolationIds()).containsExactly("v-1", "v-2", "v-3", "v-4", "v-5");
    }

    @Test
    void shouldWriteAReasonTheDeveloperCanActOn() {
        final List<EnforcementAction> actions = actions(firstDir);
        // Then each reason names the app, the day, the counts, what happened and what follows
        assertThat(actions.get(0).getReason())
                .contains(APP, "5 of 1000 active users", "on 2024-05-01", "3 prompts repeated after a refusal",
                        "2 prompts on the first screen", "2024-05-08 14:30", "restricted");
        assertThat(actions.get(1).getReason()).startsWith("Phone-number authorization is restricted until");
        assertThat(actions.get(2).getReason()).startsWith("Phone-number authorization is suspended until")
                .contains("200 of 1000 active users");
        assertThat(actions).allSatisfy(a -> assertThat(a.getReason()).doesNotContain("user-"));
    }

    @Test
    void shouldExpireRestrictAfterSevenDaysAndSuspendAfterThirty() {
        final List<EnforcementAction> actions = actions(firstDir);
        final EnforcementAction restrict = actions.get(1);
        final EnforcementAction suspend = actions.get(2);
        assertThat(restrict.getAction()).isEqualTo(EnforcementKind.RESTRICT_PHONE_AUTH);
        assertThat(restrict.getExpiresAt()).isEqualTo(restrict.getEffectiveFrom().plus(Duration.ofDays(7)));
        assertThat(suspend.getAction()).isEqualTo(EnforcementKind.SUSPEND_PHONE_AUTH);
        assertThat(suspend.getExpiresAt()).isEqualTo(suspend.getEffectiveFrom().plus(Duration.ofDays(30)));
        assertThat(suspend.getEffectiveFrom()).isEqualTo(shanghai(0, 9, 0).plusSeconds(200));
    }

    @Test
    void shouldSampleAtMostTwentyViolationsIncludingTheCrossingOne() {
        final EnforcementAction suspend = actions(firstDir).get(2);
        assertThat(suspend.getSampleViolationIds()).hasSize(20).contains("v-200").doesNotHaveDuplicates();
    }

    @Test
    void shouldGiveTheSameActionsWhenTheSameInputIsProcessedAgain() {
        // When the same input is processed by two fresh topologies
        final List<EnforcementAction> first = actions(firstDir);
        final List<EnforcementAction> second = actions(secondDir);
        // Then the actions are identical, ids included, and the ids differ by tier
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(EnforcementAction::getActionId).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void shouldKeyActionsByAppIdAndCountThem() {
        try (EnforcementDriver driver = new EnforcementDriver(firstDir)) {
            driver.violationsByUsers(APP, 1, 5, shanghai(0, 9, 0));
            assertThat(driver.actionKeys()).containsExactly(APP);
            assertThat(driver.actionsCounted(EnforcementKind.WARNING)).isEqualTo(1.0);
            assertThat(driver.actionsCounted(EnforcementKind.RESTRICT_PHONE_AUTH)).isZero();
        }
    }

    @Test
    void shouldDeriveActionIdsFromAppTierAndWindow() {
        final String id = ActionFactory.actionId(APP, EnforcementKind.WARNING, dayStart(0));
        assertThat(ActionFactory.actionId(APP, EnforcementKind.WARNING, dayStart(0))).isEqualTo(id);
        assertThat(List.of(ActionFactory.actionId("wx-other", EnforcementKind.WARNING, dayStart(0)),
                ActionFactory.actionId(APP, EnforcementKind.RESTRICT_PHONE_AUTH, dayStart(0)),
                ActionFactory.actionId(APP, EnforcementKind.WARNING, dayStart(1)))).doesNotContain(id);
    }
}
