package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.ACTION;
import static io.authwatch.telemetry.PromptTrigger.NAVIGATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.internal.DetectionState;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's state is dropped once nothing in it can matter any more; the sweep visits only due users. */
class StateRetentionTest {

    private static final String HOME = "pages/index/index";
    private static final String KEY = "app-1:user-1";

    @RegisterExtension
    final DetectionDriver driver = DetectionDriver.perTest();

    private static Telemetry browse(String sessionId) {
        return Telemetry.session("app-1", "user-1", sessionId).launch(HOME).page(HOME).tap(HOME);
    }

    private long indexEntries() {
        return count(driver.dueIndex().all());
    }

    private static long count(KeyValueIterator<?, ?> all) {
        long n = 0;
        try (KeyValueIterator<?, ?> it = all) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldDropStateOfAUserWithNothingLeftToMatter() {
        // Given a user who browsed without refusing anything
        driver.pipe(browse("s1"));
        assertThat(driver.userStates().get(KEY)).isNotNull();
        assertThat(indexEntries()).isEqualTo(1);

        // When the session and its eventIds have aged past the dedup window (1 h)
        driver.advanceWallClock(Duration.ofMinutes(61));

        // Then the state and its index entry are gone
        assertThat(driver.userStates().get(KEY)).isNull();
        assertThat(indexEntries()).isZero();
    }

    @Test
    void shouldKeepARefusalAfterItsSessionIsGoneAndUseIt() {
        // Given a refusal (the user got in anyway)
        driver.pipe(browse("s1").prompt("p1", HOME, ACTION, "pages/goods/detail", false).deny("p1")
                .page("pages/goods/detail"));

        // When two hours pass
        driver.advanceWallClock(Duration.ofHours(2));

        // Then only the refusal is left
        final DetectionState state = driver.userStates().get(KEY);
        assertThat(state.getSessions()).isEmpty();
        assertThat(state.getSeen()).isEmpty();
        assertThat(state.getRefusals()).hasSize(1);
        assertThat(state.getUserRef()).doesNotContain("user-1");

        // When the user re-opens the app and is asked again
        driver.pipe(browse("s2").at(Telemetry.T0.plus(Duration.ofHours(2)))
                .prompt("p2", HOME, NAVIGATION, "pages/category/list", true));

        // Then the refusal still counts
        assertThat(driver.violations()).extracting(Violation::getRule)
                .contains(RuleId.REPROMPT_AFTER_DENIAL);
    }

    @Test
    void shouldDropARefusalOnceTheUserHasBeenAwayForTheCooldown() {
        // Given a refusal
        driver.pipe(browse("s1").prompt("p1", HOME, ACTION, "pages/goods/detail", false).deny("p1")
                .page("pages/goods/detail"));

        // When the user sends nothing for the 48 h cooldown
        driver.advanceWallClock(Duration.ofHours(47));
        assertThat(driver.userStates().get(KEY)).isNotNull();
        driver.advanceWallClock(Duration.ofHours(2));

        // Then nothing is kept
        assertThat(driver.userStates().get(KEY)).isNull();
        assertThat(indexEntries()).isZero();
    }

    @Test
    void shouldForgetRefusalsOlderThanTheCooldownBeforeTheUsersLatestEvent() {
        // Given a refusal 50 h before the user's latest activity
        driver.pipe(browse("s1").at(Telemetry.T0.minus(Duration.ofHours(50)))
                .prompt("p1", HOME, ACTION, "pages/goods/detail", false).deny("p1").page("pages/goods/detail"));
        driver.pipe(browse("s2"));

        // Then
        assertThat(driver.userStates().get(KEY).getRefusals()).isEmpty();
    }

    @Test
    void shouldShedTheEvidenceContextOfAQuietSessionButKeepWhatRulesNeed() {
        // Given a dine-in session that went quiet, and the user's next event (another session)
        driver.pipe(browse("s1").order(HOME, io.authwatch.telemetry.ServiceMode.DINE_IN,
                io.authwatch.telemetry.OrderStage.MENU));
        driver.advanceWallClock(Duration.ofMinutes(1));
        driver.pipe(Telemetry.session("app-1", "user-1", "s2").at(Telemetry.T0.plus(Duration.ofMinutes(1)))
                .launch(HOME));

        // Then the quiet session keeps its ordering scene and interaction flag, not its recent events
        final DetectionState state = driver.userStates().get(KEY);
        assertThat(state.getSessions()).filteredOn(s -> s.getSessionId().equals("s1")).singleElement().satisfies(s -> {
            assertThat(s.getRecent()).isEmpty();
            assertThat(s.getInteracted()).isTrue();
            assertThat(s.getOrder().getServiceMode()).isEqualTo("DINE_IN");
        });

        // When the session resumes with a blocking prompt
        driver.pipe(Telemetry.session("app-1", "user-1", "s1").at(Telemetry.T0.plus(Duration.ofMinutes(1)))
                .launch(HOME).page(HOME).tap(HOME).order(HOME, io.authwatch.telemetry.ServiceMode.DINE_IN,
                        io.authwatch.telemetry.OrderStage.MENU)
                .prompt("p1", HOME, ACTION, "pages/goods/detail", true).events().subList(4, 5));

        // Then it is still judged in its in-store scene
        assertThat(driver.violations()).extracting(Violation::getRule)
                .containsExactly(RuleId.NON_ESSENTIAL_SCENE_PROMPT);
    }

    @Test
    void shouldIndexOnlyUsersWithState() {
        // Given three users; two of them long gone
        driver.pipe(browse("s1"));
        driver.pipe(Telemetry.session("app-1", "user-2", "t1").launch(HOME));
        driver.advanceWallClock(Duration.ofMinutes(61));
        driver.pipe(Telemetry.session("app-1", "user-3", "u1").at(Telemetry.T0.plus(Duration.ofMinutes(61)))
                .launch(HOME));

        // Then the index holds one entry, for the one user with state
        assertThat(indexEntries()).isEqualTo(1);
        assertThat(count(driver.userStates().all())).isEqualTo(1);
        assertThat(driver.userStates().get("app-1:user-3")).isNotNull();
    }
}
