package io.authwatch.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The detection topology against the contract on random histories (see {@link ScenarioArbitraries}),
 * through a TopologyTestDriver: (a) a session's events may arrive in any order and duplicated, and
 * (b) the violations are those the independent {@link ContractOracle} computes.
 *
 * <p>Two deliveries: live (session by session, the wall clock following the sessions' start, so the
 * sweep runs between them) and a late upload (every user's stream interleaved with the others', at
 * one wall-clock instant after the last event). Either way the wall clock then runs past
 * session-quiet + idle-sweep, so that quiet sessions decide. On failure jqwik prints the seed and the
 * shrunk scenario, event by event; rerun with {@code @Property(seed = "...")}.
 */
class DetectionTopologyPropertiesTest {

    @Provide
    Arbitrary<Scenario> scenarios() {
        return ScenarioArbitraries.scenarios();
    }

    @Property(tries = 100)
    void shouldGiveTheSameViolationsWhateverTheOrderAndDuplicatesWithinASession(
            @ForAll("scenarios") Scenario scenario, @ForAll boolean lateUpload, @ForAll long deliverySeed) {
        // Given the same history delivered in order, then each session shuffled with duplicates
        // (and, uploaded late, the users' streams interleaved), on the same wall-clock schedule
        final Random random = new Random(deliverySeed);
        final List<String> inOrder = comparable(run(scenario, lateUpload ? scenario.lateUpload() : scenario.inOrder()));
        final List<String> shuffled = comparable(run(scenario,
                lateUpload ? scenario.interleavedUsers(random) : scenario.shuffledWithDuplicates(random)));
        // Then the violations are the same records (all but the processing time), each exactly once
        assertThat(shuffled).as("violations of the shuffled delivery vs in-order delivery").isEqualTo(inOrder);
    }

    /** How property (b) delivers a scenario. */
    enum Delivery {
        /** Session by session, the wall clock following the sessions. */
        LIVE,
        /** Live, with about one event in twenty lost: gaps the topology skips after ordering.grace. */
        LIVE_LOSING_EVENTS,
        /** Shuffled, duplicated and interleaved across users, at one instant after the last event. */
        LATE_UPLOAD
    }

    @Property(tries = 150)
    void shouldEmitExactlyTheOraclesViolations(@ForAll("scenarios") Scenario generated, @ForAll Delivery delivery,
            @ForAll long deliverySeed) {
        // Given a random history delivered live (maybe losing events), or uploaded late and messy
        final Random random = new Random(deliverySeed);
        final Scenario scenario = delivery == Delivery.LIVE_LOSING_EVENTS ? generated.losingEvents(random) : generated;
        Assume.that(!scenario.inOrder().isEmpty());
        final List<TestRecord<String, Violation>> records = run(scenario,
                delivery == Delivery.LATE_UPLOAD ? scenario.interleavedUsers(random) : scenario.inOrder());
        // When the oracle evaluates the same history
        final ContractOracle oracle = ContractOracle.from(DetectionDriver.config("oracle"),
                new OraclePolicies(scenario.policies()));
        final Map<ExpectedViolation.Key, ExpectedViolation> expected = scenario.users().stream()
                .flatMap(u -> oracle.evaluate(u).stream())
                .collect(Collectors.toMap(ExpectedViolation::key, Function.identity()));
        // Then the topology emits exactly those, each once, keyed by appId, with well-formed evidence
        final Map<ExpectedViolation.Key, ExpectedViolation> actual = new HashMap<>();
        for (final TestRecord<String, Violation> record : records) {
            final ExpectedViolation v = ExpectedViolation.of(record.value());
            assertThat(actual.put(v.key(), v)).as("emitted twice: %s", v).isNull();
            assertThat(record.key()).as("key of %s", v).isEqualTo(v.appId());
        }
        assertThat(actual).as(diff(expected, actual)
                + (delivery == Delivery.LIVE_LOSING_EVENTS ? "after losing events:\n" + scenario : "")).isEqualTo(expected);
        checkIdsEvidenceAndPrivacy(scenario, records);
    }

    private static List<TestRecord<String, Violation>> run(Scenario scenario, List<Scenario.Block> sessions) {
        try (DetectionDriver driver = new DetectionDriver(scenario.inOrder().get(0).start().minusSeconds(60))) {
            driver.run(scenario.policies(), sessions);
            return driver.violations();
        }
    }

    /** The records as text, without the processing time, sorted: equal lists mean equal multisets. */
    private static List<String> comparable(List<TestRecord<String, Violation>> records) {
        return records.stream().map(r -> {
            r.value().setDetectedAt(Instant.EPOCH);
            return r.key() + " " + r.value();
        }).sorted().toList();
    }

    private static void checkIdsEvidenceAndPrivacy(Scenario scenario, List<TestRecord<String, Violation>> records) {
        final Map<String, UserHistory> userBySession = new HashMap<>();
        scenario.users().forEach(u -> u.events().forEach(e -> userBySession.put(e.getSessionId(), u)));
        final Map<String, ExpectedViolation.Key> keyById = new HashMap<>();
        for (final TestRecord<String, Violation> record : records) {
            final Violation v = record.value();
            final ExpectedViolation.Key key = ExpectedViolation.of(v).key();
            // "violationId: deterministic from (rule, appId, the prompt's eventId)": distinct keys, distinct ids
            assertThat(v.getViolationId()).isNotBlank();
            final ExpectedViolation.Key previous = keyById.put(v.getViolationId(), key);
            assertThat(previous == null || previous.equals(key)).as("id %s for %s and %s", v.getViolationId(), previous, key)
                    .isTrue();
            final UserHistory user = userBySession.get(v.getSessionId());
            final Map<String, TelemetryEvent> events = user.events().stream()
                    .collect(Collectors.toMap(TelemetryEvent::getEventId, e -> e, (a, b) -> a));
            // "evidence: the events that prove it, in event-time order, at most 20"
            assertThat(v.getEvidence()).as("evidence of %s", key).hasSizeLessThanOrEqualTo(20);
            Instant last = Instant.MIN;
            for (final Evidence ev : v.getEvidence()) {
                final TelemetryEvent source = events.get(ev.getEventId());
                assertThat(source).as("evidence %s of %s is an event of the same user", ev.getEventId(), key).isNotNull();
                assertThat(ev.getEventTime()).as("evidence time of %s", ev.getEventId()).isEqualTo(source.getEventTime());
                assertThat(ev.getType()).as("evidence type of %s", ev.getEventId())
                        .isEqualTo(source.getPayload().getClass().getSimpleName());
                assertThat(ev.getEventTime()).as("evidence of %s in event-time order", key).isAfterOrEqualTo(last);
                last = ev.getEventTime();
            }
            assertThat(v.getReason()).as("reason of %s", key).isNotBlank();
            // "no raw userId ... in any output"
            assertThat(v.toString()).as("violation %s names no raw userId", key).doesNotContain(user.userId());
        }
    }

    private static String diff(Map<ExpectedViolation.Key, ExpectedViolation> expected,
            Map<ExpectedViolation.Key, ExpectedViolation> actual) {
        final List<String> lines = new ArrayList<>();
        final Map<String, String> sorted = new TreeMap<>();
        expected.forEach((k, v) -> {
            if (!actual.containsKey(k)) {
                sorted.put(k.promptEventId() + k.rule(), "missing (oracle only): " + v);
            } else if (!Objects.equals(actual.get(k), v)) {
                sorted.put(k.promptEventId() + k.rule(), "differs: oracle " + v + "\n          topology " + actual.get(k));
            }
        });
        actual.forEach((k, v) -> {
            if (!expected.containsKey(k)) {
                sorted.put(k.promptEventId() + k.rule(), "unexpected (topology only): " + v);
            }
        });
        lines.addAll(sorted.values());
        return "topology vs oracle:\n  " + String.join("\n  ", lines) + "\n";
    }
}
