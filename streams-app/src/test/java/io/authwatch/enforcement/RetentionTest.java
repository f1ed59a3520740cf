package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stores stay bounded: what no open window needs is dropped as event time moves on. */
class RetentionTest {

    private static final String APP = "wx-kept";

    @RegisterExtension
    final EnforcementDriver driver = EnforcementDriver.perTest();

    @BeforeEach
    void given() {
        // Given a WARNING on day 0, with 3 active users
        driver.launches(APP, 1, 3, shanghai(0, 9, 0));
        driver.violationsByUsers(APP, 1, 5, shanghai(0, 10, 0));
    }

    private List<String> keys(String store) {
        final List<String> keys = new ArrayList<>();
        driver.store(store).all().forEachRemaining(kv -> keys.add(kv.key));
        return keys;
    }

    private void clockReaches(int day, int hour) {
        driver.launch("wx-clock", "someone", shanghai(day, hour, 0));
    }

    @Test
    void shouldDropSketchesWhenTheirWindowCloses() {
        assertThat(keys(EnforcementStores.SKETCHES)).anyMatch(k -> k.contains(APP));
        clockReaches(1, 1);
        assertThat(keys(EnforcementStores.SKETCHES)).noneMatch(k -> k.contains(APP));
        // the frozen counts stay readable
        assertThat(driver.window(APP, 0).getAffectedUsers()).isEqualTo(5);
    }

    @Test
    void shouldDropSeenViolationIdsOneWindowAfterTheClose() {
        clockReaches(1, 1);
        assertThat(keys(EnforcementStores.SEEN_VIOLATIONS)).hasSize(5);
        clockReaches(2, 1);
        assertThat(keys(EnforcementStores.SEEN_VIOLATIONS)).isEmpty();
    }

    @Test
    void shouldKeepActionsForTheLookbackAndNoLonger() {
        // day 30 is the last window whose look-back reaches day 0
        clockReaches(30, 1);
        assertThat(driver.queries().latestAction(APP)).isPresent();
        assertThat(driver.queries().recentViolations(APP)).hasSize(5);
        clockReaches(31, 1);
        assertThat(driver.queries().latestAction(APP)).isEmpty();
        assertThat(driver.queries().recentViolations(APP)).isEmpty();
        assertThat(keys(EnforcementStores.WINDOW_STATE)).noneMatch(k -> k.contains(APP));
    }
}
