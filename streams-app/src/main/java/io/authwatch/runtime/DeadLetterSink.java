package io.authwatch.runtime;

import io.authwatch.config.AuthwatchConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the dead-letter records of the <em>global</em> policy thread, which Kafka Streams 4.4 cannot
 * send itself: it drops them with a warning for processing errors, and for deserialization errors it
 * even kills the global thread, and with it the whole client, on a single unreadable policy record.
 * The exception handlers hand such records here instead ({@link #isGlobal}); the producer is
 * idempotent but outside the transactions of the stream threads (the global thread has none), so a
 * policy record may be dead-lettered again when the policy store is rebuilt from its topic.
 *
 * <p>Opened on first use, owned by {@link AuthwatchService}, which closes it; it reaches the handlers
 * (created by Kafka Streams through reflection) in the Streams config under {@link #CONFIG}.
 */
public final class DeadLetterSink implements AutoCloseable {

    static final String CONFIG = "authwatch.dead-letter-sink";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Properties producerProperties;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    private DeadLetterSink(Properties producerProperties) {
        this.producerProperties = producerProperties;
    }

    /** A sink writing with the cluster and security settings of {@code config}. */
    public static DeadLetterSink of(AuthwatchConfig config) {
        final Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.string("application.id") + "-global-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DeadLetterSink(p);
    }

    /** Whether the failing record was read by the global thread (the policy topic). */
    static boolean isGlobal(ErrorHandlerContext context) {
        return context.taskId() != null && context.taskId().subtopology() < 0;
    }

    /** The sink handed to the handlers in the Streams config, or null (tests of the settings). */
    static DeadLetterSink from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterSink sink ? sink : null;
    }

    /**
     * Writes {@code record} and waits for the broker's acknowledgement. Returns false (after logging
     * why, never the record's content) when it could not be written.
     */
    synchronized boolean send(ProducerRecord<byte[], byte[]> record) {
        if (closed) {
            return false;
        }
        try {
            if (producer == null) {
                producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
            }
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.error("Cannot write a policy record to the dead-letter queue {}: {}", record.topic(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
