package io.authwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.registry.MockSchemaRegistry;
import io.authwatch.simulator.GeneratedEvent;
import io.authwatch.simulator.GeneratorSettings;
import io.authwatch.simulator.TrafficGenerator;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.AuthwatchTopology;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator and the monitor together on a few thousand events: every planted violation is
 * found and nothing else is (behaviour, not speed). The records are replayed in delivery order with
 * the driver's wall clock following their delivery times, as live traffic would arrive.
 */
class SmokeAccuracyTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldFindExactlyThePlantedViolations() {
        // Given a few thousand events from apps showing every example case, with reordering and retries
        final GeneratorSettings settings = GeneratorSettings.builder().seed(11).apps(20).users(200_000)
                .totalEvents(5_000).violatingAppShare(0.5).plantRate(0.5).outOfOrderRate(0.08).duplicateRate(0.04)
                .build();
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(settings);
        assertThat(data.truth().violations()).hasSizeGreaterThan(50);

        // When the monitor reads them and then the sessions go quiet
        final List<Violation> violations = replay(data, settings.startTime());

        // Then precision and recall are both 1, each violation emitted once, as severe as planted
        final Accuracy accuracy = Accuracy.score(data.truth(), violations);
        assertThat(accuracy.examples()).as("misses").isEmpty();
        assertThat(accuracy.precision()).isEqualTo(1.0);
        assertThat(accuracy.recall()).isEqualTo(1.0);
        assertThat(accuracy.duplicateEmissions()).isZero();
        assertThat(accuracy.severityMismatches()).isZero();
        assertThat(accuracy.confidenceMismatches()).isZero();
    }

    private List<Violation> replay(TrafficGenerator.Dataset data, Instant start) {
        final String scope = "smoke-" + UUID.randomUUID();
        final AuthwatchConfig config = AuthwatchConfig.of(Map.of("schema.registry.url", "mock://" + scope));
        final Topics topics = Topics.from(config);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "authwatch-smoke");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(AuthwatchTopology.build(config), props, start)) {
            final TestInputTopic<String, AppPathPolicy> policy = driver.createInputTopic(topics.policy().name(),
                    Serdes.String().serializer(), topics.policy().valueSerde().serializer());
            final TestInputTopic<String, TelemetryEvent> telemetry = driver.createInputTopic(topics.telemetry().name(),
                    Serdes.String().serializer(), topics.telemetry().valueSerde().serializer());
            final TestOutputTopic<String, Violation> out = driver.createOutputTopic(topics.violations().name(),
                    Serdes.String().deserializer(), topics.violations().valueSerde().deserializer());
            data.policies().forEach(p -> policy.pipeInput(p.getAppId(), p, start));
            long clock = start.toEpochMilli();
            final List<Violation> violations = new ArrayList<>();
            for (final GeneratedEvent e : data.events()) {
                if (e.deliverAt() > clock) {
                    driver.advanceWallClockTime(Duration.ofMillis(e.deliverAt() - clock));
                    clock = e.deliverAt();
                }
                telemetry.pipeInput(e.key(), e.value(), Instant.ofEpochMilli(e.deliverAt()));
                violations.addAll(out.readValuesToList());
            }
            for (int i = 0; i < 3; i++) {
                driver.advanceWallClockTime(Duration.ofMinutes(1));
            }
            violations.addAll(out.readValuesToList());
            return violations;
        } finally {
            MockSchemaRegistry.dropScope(scope);
        }
    }
}
