package io.authwatch.policy;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.runtime.StartupException;
import io.authwatch.topology.Topic;
import io.authwatch.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the policy in force for one appId from {@code topic.policy}: the latest record under that
 * key, read from the start of the compacted topic to its current end (as the monitor's global store
 * holds it once it has caught up). A tombstone (null value) means no policy. No consumer group is
 * used, so reading leaves nothing behind on the cluster.
 */
public final class PolicyInForce {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PolicyInForce() {
    }

    /** The policy {@code topic.policy} holds for {@code appId} ({@code "*"} for the platform default). */
    public static Optional<AppPathPolicy> of(AuthwatchConfig config, String appId) {
        final Topic<String, AppPathPolicy> topic = Topics.from(config).policy();
        PolicyPublisher.requireTopic(config, topic.name());
        final byte[] latest = latestValue(config, topic.name(), appId);
        if (latest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(topic.valueSerde().deserializer().deserialize(topic.name(), latest));
        } catch (SerializationException e) {
            throw new StartupException("the latest policy record of app '" + appId + "' on " + topic.name()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] latestValue(AuthwatchConfig config, String topic, String appId) {
        final Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "authwatch-policy-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map((PartitionInfo i) -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            byte[] latest = null;
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new StartupException("could not read " + topic + " to its end within " + TIMEOUT.toSeconds() + "s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (appId.equals(r.key())) {
                        latest = r.value();
                    }
                }
            }
            return latest;
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new StartupException("cannot read " + topic + " on " + config.string("bootstrap.servers") + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        return end.isEmpty();
    }
}
