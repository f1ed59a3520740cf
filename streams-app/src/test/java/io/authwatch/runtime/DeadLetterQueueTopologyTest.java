package io.authwatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.registry.MockSchemaRegistry;
import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter queue as StreamsSettings wires it, on a small topology reading the telemetry
 * topic: unreadable bytes and a processor that throws both land in {@code topic.dlq} with the
 * original bytes and the reason in headers, are counted, and later records still flow.
 */
class DeadLetterQueueTopologyTest {

    @TempDir
    Path stateDir;

    private final String scope = "dlq-" + UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RocksDbMemory memory = new RocksDbMemory(8 * 1024 * 1024);

    @AfterEach
    void cleanUp() {
        MockSchemaRegistry.dropScope(scope);
        memory.close();
    }

    private AuthwatchConfig config() {
        return AuthwatchConfig.of(Map.of("schema.registry.url", "mock://" + scope,
                "state.dir", stateDir.toString()));
    }

    private TopologyTestDriver driver(AuthwatchConfig config) {
        final Topics topics = Topics.from(config);
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.telemetry().name(), topics.telemetry().consumed("read-telemetry"))
                .mapValues(e -> {
                    if (e.getAppId().equals("explode")) {
                        throw new IllegalStateException("processor failed on purpose");
                    }
                    return e.getEventId();
                }, Named.as("event-ids"))
                .to("ids", org.apache.kafka.streams.kstream.Produced.with(
                        org.apache.kafka.common.serialization.Serdes.String(),
                        org.apache.kafka.common.serialization.Serdes.String()));
        final Properties props = StreamsSettings.of(config, new AuthwatchMetrics(meters), memory);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return new TopologyTestDriver(builder.build(), props);
    }

    private static TelemetryEvent launch(String appId, String eventId) {
        return TelemetryEvent.newBuilder().setEventId(eventId).setAppId(appId).setUserId("u1")
                .setSessionId("s1").setSeq(0).setEventTime(java.time.Instant.ofEpochMilli(1_000))
                .setPayload(AppLaunch.newBuilder().setScene(1001).setEntryPath("pages/index").setColdStart(true).build())
                .build();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldSendUnreadableBytesToTheDlqAndKeepProcessing() {
        final AuthwatchConfig config = config();
        try (TopologyTestDriver driver = driver(config)) {
            // Given garbage bytes and then a good event on the telemetry topic
            final TestInputTopic<String, byte[]> raw = driver.createInputTopic("miniapp.telemetry.v1",
                    new StringSerializer(), new ByteArraySerializer());
            final TestInputTopic<String, TelemetryEvent> good = driver.createInputTopic("miniapp.telemetry.v1",
                    new StringSerializer(), Topics.from(config).telemetry().valueSerde().serializer());
            final TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("authwatch.dlq.v1",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            final TestOutputTopic<String, String> ids = driver.createOutputTopic("ids",
                    new StringDeserializer(), new StringDeserializer());

            // When both are processed
            raw.pipeInput("app:user", "not avro".getBytes(StandardCharsets.UTF_8));
            good.pipeInput("app:user", launch("app", "e-2"));

            // Then the garbage is in the DLQ with its original bytes and reason, and the good one went on
            final List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
            assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("app:user");
            assertThat(header(dead.get(0), "__streams.errors.exception")).contains("SerializationException");
            assertThat(header(dead.get(0), "__streams.errors.topic")).isEqualTo("miniapp.telemetry.v1");
            assertThat(ids.readValuesToList()).containsExactly("e-2");
            assertThat(meters.counter("authwatch_dlq_records").count()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldSendTheSourceRecordOfAFailingProcessorToTheDlq() {
        final AuthwatchConfig config = config();
        try (TopologyTestDriver driver = driver(config)) {
            final TestInputTopic<String, TelemetryEvent> in = driver.createInputTopic("miniapp.telemetry.v1",
                    new StringSerializer(), Topics.from(config).telemetry().valueSerde().serializer());
            final TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("authwatch.dlq.v1",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            final TestOutputTopic<String, String> ids = driver.createOutputTopic("ids",
                    new StringDeserializer(), new StringDeserializer());

            in.pipeInput("explode:user", launch("explode", "e-1"));
            in.pipeInput("app:user", launch("app", "e-2"));

            final List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("explode:user");
            assertThat(dead.get(0).value()[0]).isZero(); // the original wire-format bytes
            assertThat(header(dead.get(0), "__streams.errors.message")).isEqualTo("processor failed on purpose");
            assertThat(ids.readValuesToList()).containsExactly("e-2");
            assertThat(meters.counter("authwatch_dlq_records").count()).isEqualTo(1.0);
        }
    }
}
