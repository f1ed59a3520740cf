package io.authwatch.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorFixture;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unreadable telemetry lands in the DLQ with the reason, and the monitor keeps going. */
class DeadLetterQueueIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        final Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldRouteGarbageToTheDlqAndStillProcessLaterRecords() throws Exception {
        try (MonitorFixture monitor = new MonitorFixture(KAFKA.bootstrapServers(), REGISTRY.url(), Map.of()).start();
             TopicReader<byte[]> dlq = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.dlq"), new ByteArrayDeserializer());
             TopicReader<Violation> violations = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.violations"),
                     Topics.from(monitor.config()).violations().valueSerde().deserializer())) {
            // Given plain garbage, then wire-format bytes naming a schema id nobody registered
            final byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
            final byte[] unknownSchema = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
            monitor.sendRaw("wxbroken:u1", garbage);
            monitor.sendRaw("wxbroken:u2", unknownSchema);
            // and after them a good session that breaks rule 1.1
            monitor.send(Sessions.firstScreenPrompt("wxafterthegarbage", "u3"));

            // Then both bad records are in the DLQ, byte for byte, with the reason in headers
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().size() >= 2);
            final List<ConsumerRecord<String, byte[]>> dead = dlq.poll();
            assertThat(dead).hasSize(2);
            assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("wxbroken:u1", "wxbroken:u2");
            final ConsumerRecord<String, byte[]> first = dead.stream().filter(r -> r.key().equals("wxbroken:u1"))
                    .findFirst().orElseThrow();
            assertThat(first.value()).isEqualTo(garbage);
            assertThat(header(first, "__streams.errors.exception")).contains("SerializationException");
            assertThat(header(first, "__streams.errors.message")).contains("magic byte");
            assertThat(header(first, "__streams.errors.topic")).isEqualTo(monitor.config().string("topic.telemetry"));
            final ConsumerRecord<String, byte[]> second = dead.stream().filter(r -> r.key().equals("wxbroken:u2"))
                    .findFirst().orElseThrow();
            assertThat(second.value()).isEqualTo(unknownSchema);
            assertThat(header(second, "__streams.errors.message")).contains("987654");
            // and the good record after them was still processed
            await().atMost(Duration.ofSeconds(60)).until(() -> violations.values().stream()
                    .anyMatch(v -> v.getAppId().equals("wxafterthegarbage") && v.getRule() == RuleId.FIRST_SCREEN_PROMPT));
            assertThat(monitor.meters().find("authwatch_dlq_records").counter().count()).isEqualTo(2.0);
            assertThat(monitor.config().string("processing.guarantee")).isEqualTo("exactly_once_v2");
        }
    }
}
