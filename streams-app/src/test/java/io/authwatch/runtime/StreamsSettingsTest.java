package io.authwatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.metrics.AuthwatchMetrics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private final RocksDbMemory memory = new RocksDbMemory(8 * 1024 * 1024);

    @AfterEach
    void closeMemory() {
        memory.close();
    }

    @Test
    void shouldRunExactlyOnceWithTheDeadLetterQueueByDefault() {
        // Given the default configuration
        final AuthwatchConfig config = AuthwatchConfig.defaults();

        // When the Streams properties are derived
        final Properties p = StreamsSettings.of(config, AuthwatchMetrics.noop(), memory);

        // Then exactly-once, the DLQ topic and the handlers are set
        assertThat(p)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "authwatch")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "authwatch.dlq.v1")
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DlqExceptionHandler.class)
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DlqExceptionHandler.class)
                .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        ProductionPolicyExceptionHandler.class)
                .containsEntry(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, SafeTimestampExtractor.class)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class)
                .doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
        // and the whole set is accepted by Kafka Streams itself
        assertThat(new StreamsConfig(p).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldPassKafkaPrefixedKeysToTheClientsWithoutThePrefix() {
        final AuthwatchConfig config = AuthwatchConfig.of(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.session.timeout.ms", "45000",
                "topic.dlq", "my.dlq",
                "application.server", "host-a:8080",
                "num.stream.threads", "3"));

        final Properties p = StreamsSettings.of(config, AuthwatchMetrics.noop(), memory);

        assertThat(p)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("session.timeout.ms", "45000")
                .doesNotContainKey("consumer.session.timeout.ms")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "my.dlq")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "host-a:8080")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3);
    }

    @Test
    void shouldHandTheMetricsAndMemoryToReflectivelyCreatedParts() {
        final AuthwatchMetrics metrics = AuthwatchMetrics.noop();

        final Properties p = StreamsSettings.of(AuthwatchConfig.defaults(), metrics, memory);

        assertThat(p.get(HandlerMetrics.METRICS_CONFIG)).isSameAs(metrics);
        assertThat(p.get(RocksDbMemory.CONFIG)).isSameAs(memory);
    }
}
