package io.authwatch.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an output topic from the beginning as a downstream system would, with
 * {@code isolation.level=read_committed}: only records of committed transactions are seen. Call
 * {@link #poll()} from an Awaitility condition; it keeps everything read so far.
 */
public final class TopicReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic, Deserializer<V> values) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
        consumer.subscribe(Set.of(topic));
    }

    /** Everything read so far, after one more poll. */
    public List<ConsumerRecord<String, V>> poll() {
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        return List.copyOf(records);
    }

    /** The values read so far, after one more poll. */
    public List<V> values() {
        return poll().stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
