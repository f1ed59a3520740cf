package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.dayStart;
import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger behind {@code /api/actions} and {@code /api/apps/{appId}/history}: an action stays while it
 * is in force, however old its window; an app's windows stay for the history's 31 days; and nothing is
 * kept beyond both.
 */
class LedgerRetentionTest {

    private static final String APP = "wx-ledger";
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    @RegisterExtension
    final EnforcementDriver driver = EnforcementDriver.perTest();

    private void clockReaches(int day, int hour) {
        driver.launch("wx-clock", "someone", shanghai(day, hour, 0));
    }

    private List<EnforcementAction> actions() {
        return driver.queries().actions(APP, a -> true, 10);
    }

    private List<String> keys(String store) {
        final List<String> keys = new ArrayList<>();
        driver.store(store).all().forEachRemaining(kv -> keys.add(kv.key));
        return keys;
    }

    @Test
    void shouldKeepAnActionInForceAfterItsWindowIsGoneAndDropItOnceExpired() {
        // Given warnings that last 45 days, and a WARNING on day 0 at 10:00
        driver.restartWith(Map.of("enforce.warning.expires-after", "P45D"));
        driver.violationsByUsers(APP, 1, 5, shanghai(0, 10, 0));
        assertThat(actions()).extracting(EnforcementAction::getAction).containsExactly(EnforcementKind.WARNING);

        // When event time reaches day 40: the window and the violations are past the 31 days
        clockReaches(40, 1);

        // Then the window is gone but the warning, still in force, is listed
        assertThat(driver.queries().window(APP, dayStart(0))).isEmpty();
        assertThat(driver.queries().recentViolations(APP)).isEmpty();
        assertThat(keys(EnforcementStores.APP_VIOLATION_COUNTS)).doesNotContain(APP);
        assertThat(actions()).hasSize(1);
        assertThat(driver.queries().latestAction(APP)).isPresent();

        // When event time passes its expiresAt (day 45, 10:00) and the next window closes
        clockReaches(46, 1);

        // Then it is gone too
        assertThat(actions()).isEmpty();
        assertThat(keys(EnforcementStores.ACTIONS)).noneMatch(k -> k.startsWith(APP));
    }

    @Test
    void shouldKeepAnAppsWindowsForThirtyOneDaysWithTheirActions() {
        // Given a WARNING on day 0 (it expires on day 7), and counts on day 3
        driver.violationsByUsers(APP, 1, 5, shanghai(0, 10, 0));
        driver.launches(APP, 1, 2, shanghai(3, 9, 0));

        // When event time reaches day 30 (the warning long expired)
        clockReaches(30, 1);

        // Then the history of the last 31 days still holds day 0 with its warning, and day 3
        final List<EnforcementQueries.HistoryWindow> history = driver.queries().history(APP, dayStarts(30, 31));
        assertThat(history).extracting(h -> h.window().getWindowStart().toEpochMilli())
                .containsExactly(dayStart(3), dayStart(0));
        assertThat(history.get(1).actions()).extracting(EnforcementAction::getAction)
                .containsExactly(EnforcementKind.WARNING);
        assertThat(history.get(1).window().getAffectedUsers()).isEqualTo(5);
        assertThat(history.get(0).actions()).isEmpty();
        assertThat(history.get(0).window().getActiveUsers()).isEqualTo(2);

        // When day 31 begins, then day 0 and its expired warning are dropped, day 3 stays
        clockReaches(31, 1);
        assertThat(driver.queries().history(APP, dayStarts(31, 31)))
                .extracting(h -> h.window().getWindowStart().toEpochMilli()).containsExactly(dayStart(3));
        assertThat(actions()).isEmpty();
    }

    @Test
    void shouldKeepHourlyWindowsForTheHistoryAlthoughTheLookbackIsThirtyHours() {
        // Given hourly windows (the look-back is 30 windows, 30 hours) and a WARNING in the 10:00 window of day 0
        driver.restartWith(Map.of("enforce.window", "PT1H", "enforce.grace", "PT1M"));
        driver.violationsByUsers(APP, 1, 5, shanghai(0, 10, 0));
        final long tenOClock = shanghai(0, 10, 0).toEpochMilli();

        // When event time reaches day 20, then the window and its (expired) warning are still there
        clockReaches(20, 1);
        assertThat(driver.queries().window(APP, tenOClock)).hasValueSatisfying(
                w -> assertThat(w.getWindowEnd().toEpochMilli()).isEqualTo(tenOClock + HOUR_MS));
        assertThat(driver.queries().history(APP, List.of(tenOClock + HOUR_MS, tenOClock, tenOClock - HOUR_MS)))
                .singleElement().satisfies(h -> assertThat(h.actions()).hasSize(1));
        assertThat(actions()).hasSize(1);

        // When it reaches day 31, then they are gone
        clockReaches(31, 1);
        assertThat(driver.queries().window(APP, tenOClock)).isEmpty();
        assertThat(actions()).isEmpty();
    }

    @Test
    void shouldListActionsNewestFirstAndFilterThem() {
        // Given a WARNING on day 0, another app's on day 1, and on day 2 a WARNING and a RESTRICT (escalated)
        // of the same minute
        driver.violationsByUsers(APP, 1, 5, shanghai(0, 10, 0));
        driver.violationsByUsers("wx-other", 1, 5, shanghai(1, 10, 0));
        driver.violationsByUsers(APP, 100, 5, shanghai(2, 10, 0));

        // Then the app's actions are newest first, the higher tier first when they took effect together
        assertThat(actions()).extracting(a -> a.getAction() + "@" + (a.getWindowStart().toEpochMilli() == dayStart(2)))
                .containsExactly("RESTRICT_PHONE_AUTH@true", "WARNING@true", "WARNING@false");
        assertThat(driver.queries().actions(a -> true, 10)).extracting(EnforcementAction::getAppId)
                .containsExactly(APP, APP, "wx-other", APP);
        assertThat(driver.queries().actions(a -> a.getAction() == EnforcementKind.WARNING, 1))
                .extracting(EnforcementAction::getAppId).containsExactly(APP);
    }

    /** The starts of the {@code n} days ending with day {@code today}, newest first. */
    private static List<Long> dayStarts(int today, int n) {
        final List<Long> starts = new ArrayList<>();
        for (int d = today; d > today - n; d--) {
            starts.add(dayStart(d));
        }
        return starts;
    }
}
