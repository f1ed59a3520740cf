package io.authwatch.backtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.registry.MockSchemaRegistry;
import io.authwatch.registry.SchemaRegistries;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.AuthwatchTopology;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * One isolated run of the monitor's topology ({@link AuthwatchTopology#build}, the one {@code run}
 * starts) in a {@link TopologyTestDriver}: no broker, no internal topics, state in a temporary
 * directory deleted on close, and a {@code mock://} registry scope of its own, so the replay neither
 * writes to the cluster nor registers anything in the platform's schema registry.
 */
final class Replay implements AutoCloseable {

    /** How far the input moves the clock before the driver's clock follows (see {@link ReplayClock}). */
    static final Duration CLOCK_STEP = Duration.ofMillis(100);

    private final String scope = "backtest-" + UUID.randomUUID();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final ReplayClock clock;
    private final TestInputTopic<String, TelemetryEvent> telemetry;
    private final TestInputTopic<String, AppPathPolicy> policy;
    private final TestOutputTopic<String, Violation> violations;
    private final TestOutputTopic<String, EnforcementAction> actions;

    Replay(AuthwatchConfig config, Instant start) {
        final AuthwatchConfig isolated = config.with(SchemaRegistries.URL, SchemaRegistries.MOCK_PREFIX + scope)
                .with("auto.register.schemas", "true").with("use.latest.version", "false");
        try {
            this.stateDir = Files.createTempDirectory("authwatch-backtest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.driver = new TopologyTestDriver(AuthwatchTopology.build(isolated), properties(config, stateDir), start);
        this.clock = new ReplayClock(driver, start.toEpochMilli(), CLOCK_STEP);
        final Topics topics = Topics.from(isolated);
        this.telemetry = driver.createInputTopic(topics.telemetry().name(), Serdes.String().serializer(),
                topics.telemetry().valueSerde().serializer());
        this.policy = driver.createInputTopic(topics.policy().name(), Serdes.String().serializer(),
                topics.policy().valueSerde().serializer());
        this.violations = driver.createOutputTopic(topics.violations().name(), Serdes.String().deserializer(),
                topics.violations().valueSerde().deserializer());
        this.actions = driver.createOutputTopic(topics.enforcement().name(), Serdes.String().deserializer(),
                topics.enforcement().valueSerde().deserializer());
    }

    private static Properties properties(AuthwatchConfig config, Path stateDir) {
        final Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.string("application.id"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // what `run` dead-letters, the replay skips: it has nothing to report about such a record
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        return p;
    }

    /** A policy record, taking effect from now on (as the live global store applies it). */
    void policy(String key, AppPathPolicy value, long timestampMs) {
        clock.beforeRecord(timestampMs);
        policy.pipeInput(key, value, timestampMs);
    }

    /** A telemetry record as it was read from the topic. */
    void telemetry(String key, TelemetryEvent value, long timestampMs) {
        clock.beforeRecord(timestampMs);
        telemetry.pipeInput(key, value, timestampMs);
    }

    /** End of the input: the clock runs on for {@code span}, so pending decisions are taken. */
    void drain(Duration span, Duration sweep) {
        clock.drain(span, sweep);
    }

    /** The violations written since the last call. */
    List<Violation> violations() {
        return new ArrayList<>(violations.readValuesToList());
    }

    /** The enforcement actions written since the last call. */
    List<EnforcementAction> actions() {
        return new ArrayList<>(actions.readValuesToList());
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            MockSchemaRegistry.dropScope(scope);
            deleteQuietly(stateDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind on the local disk is harmless
        }
    }
}
