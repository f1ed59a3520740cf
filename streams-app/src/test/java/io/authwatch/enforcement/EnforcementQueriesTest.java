package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.dayStart;
import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static io.authwatch.enforcement.EnforcementDriver.user;
import static io.authwatch.enforcement.ViolationBuilder.violation;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The read facade the ops API uses, over the stores a running enforcement stage fills. */
class EnforcementQueriesTest {

    @RegisterExtension
    final EnforcementDriver driver = EnforcementDriver.perTest();

    @Test
    void shouldShowAnAppsWindowCounts() {
        // Given 10 active users and 3 affected users on day 0
        driver.launches("wx-a", 1, 10, shanghai(0, 9, 0));
        driver.violationsByUsers("wx-a", 1, 3, shanghai(0, 10, 0));
        // Then the window view has the counts
        final EnforcementWindowState window = driver.queries().window("wx-a", dayStart(0)).orElseThrow();
        assertThat(window.getActiveUsers()).isEqualTo(10);
        assertThat(window.getAffectedUsers()).isEqualTo(3);
        assertThat(window.getAffectedRate()).isEqualTo(0.3);
        assertThat(window.getViolationsByRule()).containsEntry("FIRST_SCREEN_PROMPT", 3L);
        assertThat(window.getWindowEnd().toEpochMilli()).isEqualTo(dayStart(1));
        // And nothing for another window or an unknown app
        assertThat(driver.queries().window("wx-a", dayStart(1))).isEmpty();
        assertThat(driver.queries().window("wx-unknown", dayStart(0))).isEmpty();
        assertThat(driver.queries().knows("wx-unknown", dayStart(0))).isFalse();
        assertThat(driver.queries().knows("wx-a", dayStart(0))).isTrue();
    }

    @Test
    void shouldShowTheLatestAction() {
        // Given a WARNING on day 0, then WARNING and RESTRICT on day 2
        driver.violationsByUsers("wx-a", 1, 5, shanghai(0, 10, 0));
        driver.violationsByUsers("wx-a", 100, 5, shanghai(2, 10, 0));
        // Then the latest action is day 2's RESTRICT
        final EnforcementAction latest = driver.queries().latestAction("wx-a").orElseThrow();
        assertThat(latest.getAction()).isEqualTo(EnforcementKind.RESTRICT_PHONE_AUTH);
        assertThat(latest.getWindowStart().toEpochMilli()).isEqualTo(dayStart(2));
        assertThat(driver.queries().latestAction("wx-b")).isEmpty();
    }

    @Test
    void shouldListAnAppsLastHundredViolationsNewestFirstWithEvidence() {
        // Given 105 violations of one app, the last one NEEDS_REVIEW, and one of another app
        for (int i = 1; i <= 104; i++) {
            driver.send(violation().id("v-" + i).app("wx-a").user(user(i)).at(shanghai(0, 10, 0).plusSeconds(i)));
        }
        driver.send(violation().id("v-105").app("wx-a").user(user(105)).at(shanghai(0, 10, 0).plusSeconds(105))
                .needsReview());
        driver.send(violation().id("v-b").app("wx-b").user(user(1)).at(shanghai(0, 10, 0).plusSeconds(106)));
        // Then the app's list has the newest 100, newest first, every confidence, with evidence
        final List<Violation> recent = driver.queries().recentViolations("wx-a");
        assertThat(recent).hasSize(100);
        assertThat(recent.get(0).getViolationId()).isEqualTo("v-105");
        assertThat(recent.get(0).getConfidence()).isEqualTo(Confidence.NEEDS_REVIEW);
        assertThat(recent.get(99).getViolationId()).isEqualTo("v-6");
        // and only those are stored: the older ones were deleted, and the count says 100
        assertThat(driver.<Violation>store(EnforcementStores.APP_VIOLATIONS).get(
                EnforcementStores.appViolationKey("wx-a", 5))).isNull();
        assertThat(driver.<Long>store(EnforcementStores.APP_VIOLATION_COUNTS).get("wx-a")).isEqualTo(100L);
        assertThat(driver.<Long>store(EnforcementStores.APP_VIOLATION_COUNTS).get("wx-b")).isEqualTo(1L);
        assertThat(recent).allSatisfy(v -> {
            assertThat(v.getAppId()).isEqualTo("wx-a");
            assertThat(v.getEvidence()).isNotEmpty();
        });
    }

    @Test
    void shouldOrderTheWindowsAppsByAffectedUsers() {
        // Given three apps with 2, 7 and 4 affected users on day 0, and one app only on day 1
        driver.violationsByUsers("wx-two", 1, 2, shanghai(0, 10, 0));
        driver.violationsByUsers("wx-seven", 1, 7, shanghai(0, 10, 0));
        driver.violationsByUsers("wx-four", 1, 4, shanghai(0, 10, 0));
        driver.violationsByUsers("wx-later", 1, 9, shanghai(1, 10, 0));
        // Then day 0 lists them by affected users, descending, up to the limit
        assertThat(driver.queries().appsByAffectedUsers(dayStart(0), 10))
                .extracting(EnforcementWindowState::getAppId).containsExactly("wx-seven", "wx-four", "wx-two");
        assertThat(driver.queries().appsByAffectedUsers(dayStart(0), 2))
                .extracting(EnforcementWindowState::getAppId).containsExactly("wx-seven", "wx-four");
    }

    @Test
    void shouldKeepTheLastFiveHundredViolationsNewestFirst() {
        // Given 520 violations over many apps
        for (int i = 1; i <= 520; i++) {
            driver.send(violation().id("v-" + i).app("wx-" + (i % 7)).user(user(i)).at(shanghai(0, 0, 0).plusSeconds(i)));
        }
        // Then the instance lists the newest 500, newest first
        final List<Violation> recent = driver.queries().recentViolations(1_000);
        assertThat(recent).hasSize(500);
        assertThat(recent.get(0).getViolationId()).isEqualTo("v-520");
        assertThat(recent.get(499).getViolationId()).isEqualTo("v-21");
        assertThat(driver.queries().recentViolations(3)).extracting(Violation::getViolationId)
                .containsExactly("v-520", "v-519", "v-518");
    }
}
