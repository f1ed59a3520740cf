package io.authwatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.registry.SchemaRegistryException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** What the exception handlers decide for a registry outage, a bad record, and a global-thread record. */
class DlqHandlersTest {

    private static final byte[] KEY = "wxapp:user-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 42, 2, 4};

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Map<String, Object> configs() {
        final Map<String, Object> c = new HashMap<>();
        c.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "authwatch.dlq.v1");
        c.put(HandlerMetrics.METRICS_CONFIG, new AuthwatchMetrics(meters));
        return c;
    }

    private DlqExceptionHandler deserializationHandler() {
        final DlqExceptionHandler handler = new DlqExceptionHandler();
        handler.configure(configs());
        return handler;
    }

    private static ConsumerRecord<byte[], byte[]> record() {
        return new ConsumerRecord<>("miniapp.telemetry.v1", 1, 17, KEY, VALUE);
    }

    private static SerializationException unreachableRegistry() {
        final SchemaRegistryException registry = new SchemaRegistryException(
                "get schema 42 failed: cannot reach http://registry:8081 (gave up after 4 attempts)", -1, -1,
                new ConnectException("Connection refused"));
        return new SerializationException("record on topic 'miniapp.telemetry.v1' has schema id 42 that the "
                + "registry cannot give: " + registry.getMessage(), registry);
    }

    private double dlqCount() {
        final var counter = meters.find("authwatch_dlq_records").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldFailTheTaskInsteadOfDeadLetteringWhileTheRegistryIsUnreachable() {
        // Given a record whose schema cannot be fetched because the registry does not answer
        // When
        final DeserializationExceptionHandler.Response response = deserializationHandler()
                .handleError(new Context(new TaskId(0, 1)), record(), unreachableRegistry());
        // Then the task fails (the record is read again later) and nothing is dead-lettered
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(dlqCount()).isZero();
    }

    @Test
    void shouldFailTheTaskWhenAStoreValueCannotBeSerializedWhileTheRegistryIsUnreachable() {
        // Given a processor whose store write needs a schema registered, while the registry is down
        final DlqExceptionHandler handler = new DlqExceptionHandler();
        handler.configure(configs());
        // When
        final ProcessingExceptionHandler.Response response = handler.handleError(new Context(new TaskId(2, 0)),
                new Record<>("wxapp", "signal", 0L), unreachableRegistry());
        // Then the task fails and nothing is dead-lettered
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(dlqCount()).isZero();
    }

    @Test
    void shouldFailWhileTheRegistryAnswersWithAServerError() {
        final SchemaRegistryException registry = new SchemaRegistryException("get schema 42 failed: 503", 503, 50301);
        final DeserializationExceptionHandler.Response response = deserializationHandler()
                .handleError(new Context(new TaskId(0, 1)), record(), new SerializationException("x", registry));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldDeadLetterARecordWhoseSchemaIdTheRegistryDoesNotKnow() {
        // Given the registry's definite answer: no schema with that id
        final SchemaRegistryException notFound = new SchemaRegistryException(
                "get schema 42 failed: answered 404 (error_code 40403: Schema not found)", 404, 40403);
        // When
        final DeserializationExceptionHandler.Response response = deserializationHandler().handleError(
                new Context(new TaskId(0, 1)), record(), new SerializationException("unknown id 42", notFound));
        // Then the record goes to the DLQ with its bytes, and is counted
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("authwatch.dlq.v1");
            assertThat(r.key()).isEqualTo(KEY);
            assertThat(r.value()).isEqualTo(VALUE);
        });
        assertThat(dlqCount()).isEqualTo(1.0);
    }

    @Test
    void shouldNeverHandAGlobalThreadRecordBackToKafkaStreams() {
        // Given the global policy thread (task -1_-1), which cannot send dead-letter records, and no sink
        final Context global = new Context(new TaskId(-1, -1));
        // When it meets an unreadable record and an invalid policy
        final DeserializationExceptionHandler.Response read = deserializationHandler()
                .handleError(global, record(), new SerializationException("magic byte 0x67"));
        final DlqExceptionHandler processing = new DlqExceptionHandler();
        processing.configure(configs());
        final ProcessingExceptionHandler.Response processed = processing
                .handleError(global, new Record<>("wxapp", "policy", 0L), new IllegalArgumentException("bad glob"));
        // Then both are skipped without dead-letter records for Kafka Streams (which would kill the
        // global thread), and nothing is counted that was not written
        assertThat(read.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(read.deadLetterQueueRecords()).isEmpty();
        assertThat(processed.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(processed.deadLetterQueueRecords()).isEmpty();
        assertThat(dlqCount()).isZero();
    }

    /** The failing record's context as Kafka Streams gives it. */
    private record Context(TaskId taskId) implements ErrorHandlerContext {
        @Override
        public String topic() {
            return "miniapp.telemetry.v1";
        }

        @Override
        public int partition() {
            return 1;
        }

        @Override
        public long offset() {
            return 17;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "telemetry-source";
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return KEY;
        }

        @Override
        public byte[] sourceRawValue() {
            return VALUE;
        }
    }
}
