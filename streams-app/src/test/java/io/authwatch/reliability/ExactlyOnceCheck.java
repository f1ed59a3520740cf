package io.authwatch.reliability;

import static org.awaitility.Awaitility.await;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.simulator.PlantedViolation;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads the violations and enforcement topics as downstream systems do ({@code read_committed}) and
 * checks them against a {@link FaultDataset}: every expected record present, none other, none twice
 * (by violationId and actionId, and by what each id is derived from), and nothing dead-lettered on the
 * way (the dataset has no bad input, so a dead letter is a record a stage lost, one the output
 * counts might not show).
 */
final class ExactlyOnceCheck implements AutoCloseable {

    private static final Duration QUIET_BEFORE_JUDGING = Duration.ofSeconds(8);

    private final FaultDataset dataset;
    private final TopicReader<Violation> violations;
    private final TopicReader<EnforcementAction> actions;
    private final TopicReader<byte[]> deadLetters;

    ExactlyOnceCheck(String bootstrapServers, Topics topics, FaultDataset dataset) {
        this.dataset = dataset;
        this.violations = new TopicReader<>(bootstrapServers, topics.violations().name(),
                topics.violations().valueSerde().deserializer());
        this.actions = new TopicReader<>(bootstrapServers, topics.enforcement().name(),
                topics.enforcement().valueSerde().deserializer());
        this.deadLetters = new TopicReader<>(bootstrapServers, topics.dlq(), new ByteArrayDeserializer());
    }

    /** Distinct violations read so far (a progress measure for fault injection). */
    int violationsSoFar() {
        return keys(violations.values(), ExactlyOnceCheck::violationKey).size();
    }

    /** What was read, for the run's report. */
    record Outcome(int violationRecords, int distinctViolationIds, int actionRecords, int distinctActionIds) {
    }

    /**
     * Waits (at most {@code timeout}) until every expected record was read and nothing more arrives for
     * a while, then asserts exactness.
     */
    Outcome awaitAndVerify(Duration timeout) {
        try {
            await().pollInterval(Duration.ofMillis(500)).atMost(timeout).until(() ->
                    keys(violations.values(), ExactlyOnceCheck::violationKey).containsAll(dataset.expectedViolations())
                            && keys(actions.values(), ExactlyOnceCheck::actionKey).containsAll(dataset.expectedActions()));
        } catch (ConditionTimeoutException e) {
            // fall through: the assertions below say what is missing
        }
        final AtomicInteger seen = new AtomicInteger(-1);
        await().pollInterval(Duration.ofMillis(500)).during(QUIET_BEFORE_JUDGING).atMost(Duration.ofMinutes(2))
                .until(() -> {
                    final int now = violations.poll().size() + actions.poll().size();
                    return seen.getAndSet(now) == now;
                });
        final List<Violation> vs = violations.values();
        final List<EnforcementAction> as = actions.values();
        final Set<String> found = keys(vs, ExactlyOnceCheck::violationKey);
        final Set<String> acted = keys(as, ExactlyOnceCheck::actionKey);
        // all at once, so that a failure shows what is missing next to what came instead
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(duplicates(vs, Violation::getViolationId)).as("violationIds published more than once")
                    .isEmpty();
            soft.assertThat(duplicates(vs, ExactlyOnceCheck::violationKey)).as("violations of one prompt and rule")
                    .isEmpty();
            soft.assertThat(difference(dataset.expectedViolations(), found)).as("planted violations missing").isEmpty();
            soft.assertThat(difference(found, dataset.expectedViolations())).as("violations nobody planted").isEmpty();
            soft.assertThat(duplicates(as, EnforcementAction::getActionId)).as("actionIds published more than once")
                    .isEmpty();
            soft.assertThat(duplicates(as, ExactlyOnceCheck::actionKey)).as("actions of one app, tier and window")
                    .isEmpty();
            soft.assertThat(acted).as("enforcement actions").isEqualTo(dataset.expectedActions());
            // the dataset holds no bad input: a dead letter is a record some stage lost
            soft.assertThat(deadLetterReasons()).as("dead-lettered records (the dataset has no bad input)").isEmpty();
        });
        return new Outcome(vs.size(), found.size(), as.size(), acted.size());
    }

    /** Reason and source of each dead-lettered record, counted. */
    private Map<String, Long> deadLetterReasons() {
        return deadLetters.poll().stream().collect(Collectors.groupingBy(r -> header(r, "__streams.errors.topic")
                + ": " + firstLine(header(r, "__streams.errors.message")), TreeMap::new, Collectors.counting()));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        final Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String text) {
        final int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String violationKey(Violation v) {
        return PlantedViolation.matchKey(v.getRule(), v.getPromptEventId());
    }

    static String actionKey(EnforcementAction a) {
        return FaultDataset.actionKey(a.getAppId(), a.getAction(), a.getWindowStart().toEpochMilli());
    }

    private static <T> Set<String> keys(List<T> records, Function<T, String> key) {
        return records.stream().map(key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> Set<String> duplicates(List<T> records, Function<T, String> key) {
        final Set<String> seen = new HashSet<>();
        return records.stream().map(key).filter(k -> !seen.add(k)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        final Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    @Override
    public void close() {
        violations.close();
        actions.close();
        deadLetters.close();
    }
}
