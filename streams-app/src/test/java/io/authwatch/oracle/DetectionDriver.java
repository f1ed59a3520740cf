package io.authwatch.oracle;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.registry.MockSchemaRegistry;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole topology ({@link AuthwatchTopology#build}) in a TopologyTestDriver, with a fresh
 * {@code mock://} registry scope and state directory, driven the way the properties need: policies
 * first, then telemetry session by session with the wall clock following the sessions' start, then
 * enough quiet wall-clock time for every forced-window decision to be taken by the sweep.
 */
final class DetectionDriver implements AutoCloseable {

    static final String USER_REF_SECRET = "oracle-property-secret";

    private final String scope = "oracle-" + UUID.randomUUID();
    private final AuthwatchConfig config;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, TelemetryEvent> telemetry;
    private final TestInputTopic<String, AppPathPolicy> policy;
    private final TestOutputTopic<String, Violation> violations;
    private Instant wallClock;

    DetectionDriver(Instant wallClockStart) {
        this.config = config(scope);
        try {
            this.stateDir = Files.createTempDirectory("oracle-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "oracle-properties");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.wallClock = wallClockStart;
        this.driver = new TopologyTestDriver(AuthwatchTopology.build(config), props, wallClockStart);
        final Topics topics = Topics.from(config);
        this.telemetry = driver.createInputTopic(topics.telemetry().name(), new StringSerializer(),
                topics.telemetry().valueSerde().serializer());
        this.policy = driver.createInputTopic(topics.policy().name(), new StringSerializer(),
                topics.policy().valueSerde().serializer());
        this.violations = driver.createOutputTopic(topics.violations().name(), new StringDeserializer(),
                topics.violations().valueSerde().deserializer());
    }

    /** The default configuration with a {@code mock://scope} registry and a known user-ref secret. */
    static AuthwatchConfig config(String scope) {
        return AuthwatchConfig.of(Map.of("schema.registry.url", "mock://" + scope, "user-ref.secret", USER_REF_SECRET));
    }

    void publish(AppPathPolicy record) {
        policy.pipeInput(record.getAppId(), record, wallClock);
    }

    void pipe(TelemetryEvent event) {
        telemetry.pipeInput(event.getAppId() + ":" + event.getUserId(), event, event.getEventTime());
    }

    /** Moves the wall clock forward to {@code instant} (never back). */
    void advanceTo(Instant instant) {
        if (instant.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, instant));
            wallClock = instant;
        }
    }

    /**
     * Lets the wall clock run past session-quiet plus two idle-sweeps, one sweep at a time, so
     * that every quiet session takes its pending forced-window decisions.
     */
    void settle() {
        final Duration sweep = config.duration("rule.idle-sweep");
        final Duration until = config.duration("rule.session-quiet").plus(sweep.multipliedBy(2));
        for (Duration waited = Duration.ZERO; waited.compareTo(until) <= 0; waited = waited.plus(sweep)) {
            advanceTo(wallClock.plus(sweep));
        }
    }

    /** Pipes the policies, then the sessions, as {@link DetectionDriver} describes. */
    void run(List<AppPathPolicy> policies, List<Scenario.Block> sessions) {
        policies.forEach(this::publish);
        for (final Scenario.Block block : sessions) {
            advanceTo(block.start());
            block.events().forEach(this::pipe);
        }
        settle();
    }

    List<TestRecord<String, Violation>> violations() {
        return violations.readRecordsToList();
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
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory must not fail the property
        }
    }
}
