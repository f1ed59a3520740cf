package io.authwatch.registry.dev;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link SchemaStore} on a compacted, single-partition Kafka topic (default
 * {@value #DEFAULT_TOPIC}), created with an Admin client when absent, in the record layout of
 * Confluent's {@code _schemas} topic. Every registration is written (acks=all, idempotent) before
 * the registry answers, and the topic is read from the beginning at start, so ids survive restarts.
 * One registry writes to a topic at a time; there is no leader election.
 */
public final class KafkaSchemaStore implements SchemaStore {

    public static final String DEFAULT_TOPIC = "_authwatch_schemas";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientConfig;
    private final KafkaProducer<byte[], byte[]> producer;
    private final StoreRecordCodec codec = new StoreRecordCodec();

    /**
     * Opens the store on {@code topic}, creating it (1 partition, cleanup.policy=compact,
     * {@code replicationFactor}) when absent, and failing when it exists without compaction.
     *
     * @param clientConfig Kafka client settings: {@code bootstrap.servers} and any security settings
     */
    public KafkaSchemaStore(Map<String, Object> clientConfig, String topic, short replicationFactor) {
        this.topic = topic;
        this.clientConfig = Map.copyOf(clientConfig);
        ensureTopic(replicationFactor);
        final Map<String, Object> producerConfig = new HashMap<>(this.clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "dev-registry-store");
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The store on {@value #DEFAULT_TOPIC} of the cluster at {@code bootstrapServers}, replication factor 1. */
    public static KafkaSchemaStore open(String bootstrapServers) {
        return new KafkaSchemaStore(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                DEFAULT_TOPIC, (short) 1);
    }

    @Override
    public List<StoreRecord> replay() {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dev-registry-replay");
        final TopicPartition partition = new TopicPartition(topic, 0);
        final List<StoreRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new SchemaStoreException("replaying '" + topic + "' did not reach offset " + end + " within "
                            + TIMEOUT, null);
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    codec.decode(record.key(), record.value()).ifPresent(records::add);
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new SchemaStoreException("cannot replay the schema log '" + topic + "': " + e.getMessage(), e);
        }
        return records;
    }

    @Override
    public void append(StoreRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, codec.key(record), codec.value(record)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaStoreException("interrupted while writing to '" + topic + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaStoreException("cannot write to the schema log '" + topic + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    // A topic just created may not be known to every part of the broker yet: ask again briefly.
    private String cleanupPolicy(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                final Config config = admin.describeConfigs(Set.of(resource)).all()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
                return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void ensureTopic(short replicationFactor) {
        try (Admin admin = Admin.create(clientConfig)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.of(replicationFactor))
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            final String policy = cleanupPolicy(admin);
            if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
                throw new SchemaStoreException("the schema log '" + topic + "' has cleanup.policy=" + policy
                        + "; it must be compact only, or registrations would be lost", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaStoreException("interrupted while preparing '" + topic + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaStoreException("cannot create or check the schema log '" + topic + "': " + e.getMessage(), e);
        }
    }
}
