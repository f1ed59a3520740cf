package io.authwatch.runtime;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.metrics.AuthwatchMetrics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties of the monitor, derived from the config:
 * <ul>
 *   <li>first every {@code kafka.*} pass-through key (security, tuning), so that authwatch's own
 *       keys below always win (the config rejects a pass-through key that duplicates one);</li>
 *   <li>identity and placement: {@code application.id}, {@code bootstrap.servers},
 *       {@code state.dir}, {@code num.stream.threads}, {@code num.standby.replicas},
 *       {@code application.server} (when set);</li>
 *   <li>{@code processing.guarantee} (exactly_once_v2 by default) and {@code commit.interval.ms};</li>
 *   <li>errors: Kafka Streams' dead-letter queue ({@code errors.dead.letter.queue.topic.name} =
 *       {@code topic.dlq}) fed by log-and-continue deserialization and processing handlers (which
 *       fail the task instead while the schema registry is unavailable, and send the global policy
 *       thread's records through a {@link DeadLetterSink}), and the
 *       {@link ProductionPolicyExceptionHandler};</li>
 *   <li>{@link SafeTimestampExtractor} and {@link BoundedMemoryRocksDbConfig}.</li>
 * </ul>
 * Consumers read with {@code isolation.level=read_committed} under exactly-once (Streams sets it).
 */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    /**
     * The properties for one KafkaStreams instance. {@code metrics} and {@code memory} are handed to
     * the handlers and the RocksDB config setter through the properties; the caller closes
     * {@code memory} after the KafkaStreams instance.
     */
    public static Properties of(AuthwatchConfig config, AuthwatchMetrics metrics, RocksDbMemory memory) {
        return of(config, metrics, memory, null);
    }

    /**
     * {@link #of(AuthwatchConfig, AuthwatchMetrics, RocksDbMemory)} with the sink that writes the
     * dead-letter records of the global policy thread (which Kafka Streams cannot send itself); the
     * caller closes it after the KafkaStreams instance. Without one, such records are only logged.
     */
    public static Properties of(AuthwatchConfig config, AuthwatchMetrics metrics, RocksDbMemory memory,
                                DeadLetterSink globalDeadLetters) {
        final Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.string("application.id"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.string("processing.guarantee"));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.longValue("commit.interval.ms"));
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.string("state.dir"));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.intValue("num.stream.threads"));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.intValue("num.standby.replicas"));
        final String applicationServer = config.stringOrNull("application.server");
        if (applicationServer != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.string("topic.dlq"));
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DlqExceptionHandler.class);
        // the policy may be a global table: its processing errors go to the same handler
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionPolicyExceptionHandler.class);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, SafeTimestampExtractor.class);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        // a replaced or restarted instance must not wait out the broker's default for the old member
        clientDefault(p, StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        clientDefault(p, StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(HandlerMetrics.METRICS_CONFIG, metrics);
        p.put(RocksDbMemory.CONFIG, memory);
        if (globalDeadLetters != null) {
            p.put(DeadLetterSink.CONFIG, globalDeadLetters);
        }
        return p;
    }

    /** Sets a prefixed client key unless the operator set it, prefixed or not, via {@code kafka.*}. */
    private static void clientDefault(Properties p, String prefixedKey, Object value) {
        final String plain = prefixedKey.substring(prefixedKey.indexOf('.') + 1);
        if (!p.containsKey(plain) && !p.containsKey(prefixedKey)) {
            p.put(prefixedKey, value);
        }
    }
}
