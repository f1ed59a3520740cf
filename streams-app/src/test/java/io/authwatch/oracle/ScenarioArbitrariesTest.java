package io.authwatch.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.RuleId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The generator itself: well-formed histories, and enough of them violate each rule to test it. */
class ScenarioArbitrariesTest {

    private static final AuthwatchConfig CONFIG = AuthwatchConfig.of(Map.of("user-ref.secret", "generator-test"));

    @Provide
    Arbitrary<Scenario> scenarios() {
        return ScenarioArbitraries.scenarios();
    }

    @Property(tries = 1000)
    void shouldGenerateWellFormedSessions(@ForAll("scenarios") Scenario scenario) {
        for (final Scenario.Block block : scenario.inOrder()) {
            final List<TelemetryEvent> events = block.events();
            // AppLaunch first at seq 0, seq +1 per event, event time strictly increasing, in whole ticks
            assertThat(events.get(0).getPayload()).isInstanceOf(AppLaunch.class);
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).getSeq()).isEqualTo(i);
                assertThat((events.get(i).getEventTime().toEpochMilli() - Scenario.BASE.toEpochMilli()) % Scenario.TICK_MS)
                        .isZero();
                if (i > 0) {
                    assertThat(events.get(i).getEventTime()).isAfter(events.get(i - 1).getEventTime());
                }
            }
        }
        for (final UserHistory user : scenario.users()) {
            // a user's sessions never overlap in time
            final List<TelemetryEvent> sorted = user.sorted();
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i).getEventTime()).isAfter(sorted.get(i - 1).getEventTime());
            }
        }
        // duplicates and shuffling keep the same events
        final Set<String> ids = ids(scenario.inOrder());
        final List<Scenario.Block> shuffled = scenario.shuffledWithDuplicates(new Random(1));
        assertThat(ids(shuffled)).isEqualTo(ids);
        final boolean promptsAreUnique = scenario.users().stream().flatMap(u -> u.events().stream())
                .filter(e -> e.getPayload() instanceof PhoneAuthPrompt)
                .map(e -> ((PhoneAuthPrompt) e.getPayload()).getPromptId()).collect(Collectors.groupingBy(p -> p))
                .values().stream().allMatch(l -> l.size() == 1);
        assertThat(promptsAreUnique).isTrue();
    }

    @Property(tries = 1000)
    void shouldViolateEveryRuleOften(@ForAll("scenarios") Scenario scenario) {
        final ContractOracle oracle = ContractOracle.from(CONFIG, new OraclePolicies(scenario.policies()));
        final Set<RuleId> fired = scenario.users().stream().flatMap(u -> oracle.evaluate(u).stream())
                .map(ExpectedViolation::rule).collect(Collectors.toSet());
        for (final RuleId rule : RuleId.values()) {
            if (rule != RuleId.UNKNOWN) {
                Statistics.label(rule.name()).collect(fired.contains(rule));
            }
        }
        final long violations = scenario.users().stream().mapToLong(u -> oracle.evaluate(u).size()).sum();
        final long events = scenario.users().stream().mapToLong(u -> u.events().size()).sum();
        Statistics.label("events").collect(events < 5 ? "<5" : events < 20 ? "5-19" : events < 50 ? "20-49" : "50+");
        Statistics.label("violations").collect(violations == 0 ? "none" : violations < 5 ? "1-4" : "5+");
        Statistics.label("violations").coverage(c -> c.check("none").percentage(p -> p >= 1.0 && p <= 60.0));
        // rules 2 and 3 decided by the forced-window (not by blocking), and refusals both inside and
        // outside the cooldown of a later prompt
        final Set<String> blocking = scenario.users().stream().flatMap(u -> u.events().stream())
                .filter(e -> e.getPayload() instanceof PhoneAuthPrompt p && p.getBlocking())
                .map(TelemetryEvent::getEventId).collect(Collectors.toSet());
        Statistics.label("forced by the window").collect(scenario.users().stream().flatMap(u -> oracle.evaluate(u).stream())
                .anyMatch(v -> (v.rule() == RuleId.NON_ESSENTIAL_SECTION_PROMPT || v.rule() == RuleId.NON_ESSENTIAL_SCENE_PROMPT)
                        && !blocking.contains(v.promptEventId())));
        Statistics.label("prompt over 48 h after a refusal").collect(scenario.users().stream()
                .anyMatch(ScenarioArbitrariesTest::promptLongAfterARefusal));
        Statistics.label("forced by the window").coverage(c -> c.check(true).percentage(p -> p > 5.0));
        Statistics.label("prompt over 48 h after a refusal").coverage(c -> c.check(true).percentage(p -> p > 5.0));
        for (final RuleId rule : RuleId.values()) {
            if (rule != RuleId.UNKNOWN) {
                Statistics.label(rule.name()).coverage(c -> c.check(true).percentage(p -> p > 5.0));
            }
        }
    }

    private static boolean promptLongAfterARefusal(UserHistory user) {
        final List<TelemetryEvent> h = user.sorted();
        for (int r = 0; r < h.size(); r++) {
            if (h.get(r).getPayload() instanceof PhoneAuthResult res
                    && res.getOutcome() != AuthOutcome.GRANTED) {
                for (int p = r + 1; p < h.size(); p++) {
                    if (h.get(p).getPayload() instanceof PhoneAuthPrompt && Duration.between(
                            h.get(r).getEventTime(), h.get(p).getEventTime()).compareTo(Duration.ofHours(48)) > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Set<String> ids(Collection<Scenario.Block> blocks) {
        return blocks.stream().flatMap(b -> b.events().stream()).map(TelemetryEvent::getEventId).collect(Collectors.toSet());
    }
}
