package io.authwatch.loadtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** The Kafka cluster under test: topic creation and the offsets that tell how far an application got. */
final class BenchCluster implements AutoCloseable {

    private final String bootstrapServers;
    private final Admin admin;
    private final Properties clientOverrides;

    BenchCluster(String bootstrapServers, Properties clientOverrides) {
        this.bootstrapServers = bootstrapServers;
        this.clientOverrides = clientOverrides;
        final Properties props = new Properties();
        props.putAll(clientOverrides);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties (security etc.) to pass to every client, without bootstrap.servers. */
    Properties clientOverrides() {
        return clientOverrides;
    }

    /**
     * Creates {@code names} with {@code partitions} partitions unless they exist, and waits until
     * every partition has a leader: an idempotent producer that meets a partition still without one
     * (NOT_LEADER_OR_FOLLOWER on its first batch) can be left retrying OUT_OF_ORDER_SEQUENCE_NUMBER
     * until its delivery timeout.
     */
    void createTopics(Collection<String> names, int partitions, Map<String, String> configs) {
        final List<NewTopic> topics = new ArrayList<>();
        names.forEach(n -> topics.add(new NewTopic(n, partitions, (short) -1).configs(configs)));
        admin.createTopics(topics).values().forEach((name, f) -> {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        awaitLeaders(names);
    }

    /** Waits until every partition of {@code names} answers a ListOffsets request, which only its leader does. */
    private void awaitLeaders(Collection<String> names) {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                admin.describeTopics(names).allTopicNames().get().forEach((name, topic) -> topic.partitions()
                        .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(request).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " are not writable after 30 s", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            StreamsRun.sleep(100);
        }
    }

    /** The sum of the end offsets of {@code topic}'s partitions (its record count when nothing is deleted). */
    long endOffsets(String topic) {
        try {
            final int partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size();
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long sum = 0;
            for (final ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(request).all().get().values()) {
                sum += info.offset();
            }
            return sum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e.getCause());
        }
    }

    /** The sum of {@code group}'s committed offsets on {@code topic} (0 before its first commit). */
    long committed(String group, String topic) {
        try {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            return 0;
        }
    }

    /**
     * The size on disk of every topic (bytes of all its partitions' logs, from the brokers' log
     * directories), by topic name.
     */
    Map<String, Long> topicSizes() {
        try {
            final List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            final Map<String, Long> sizes = new HashMap<>();
            admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values()
                    .forEach(dir -> dir.replicaInfos().forEach((tp, info) -> sizes.merge(tp.topic(), info.size(),
                            Long::sum))));
            return sizes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the log dirs", e.getCause());
        }
    }

    /** Deletes {@code names} (and waits for the deletion to be accepted). */
    void deleteTopics(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(names).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete " + names, e.getCause());
        }
    }

    /** Producer settings for loading input: batched, compressed, idempotent. */
    Properties producerProperties() {
        final Properties p = new Properties();
        p.putAll(clientOverrides);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // one request in flight: a batch refused by a partition that has just got its leader is then
        // retried alone instead of leaving the later batches failing OUT_OF_ORDER_SEQUENCE_NUMBER
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return p;
    }

    @Override
    public void close() {
        admin.close();
    }
}
