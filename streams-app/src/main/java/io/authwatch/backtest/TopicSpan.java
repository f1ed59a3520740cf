package io.authwatch.backtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.runtime.StartupException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The records of one topic whose Kafka timestamps fall in a span, read by a plain consumer with
 * {@code assign} and {@code read_committed}: no consumer group, no offset commits, so reading leaves
 * nothing behind on the cluster. Each partition is read from the first offset at or after the start
 * time ({@code offsetsForTimes}) up to the first offset at or after the end time (or the end of the
 * partition as it was when the span was opened).
 */
final class TopicSpan implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> startOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();

    /** {@code start} null: from the beginning; {@code end} null: to the current end. */
    TopicSpan(AuthwatchConfig config, String topic, Instant start, Instant end) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(properties(config), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (partitions.isEmpty()) {
                throw new StartupException("topic " + topic + " does not exist on " + config.string("bootstrap.servers"));
            }
            final Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, TIMEOUT);
            final Map<TopicPartition, Long> latest = consumer.endOffsets(partitions, TIMEOUT);
            startOffsets.putAll(start == null ? beginning : offsetsAt(partitions, start, latest));
            endOffsets.putAll(end == null ? latest : offsetsAt(partitions, end, latest));
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, startOffsets.get(tp)));
        } catch (KafkaException e) {
            consumer.close();
            throw new StartupException("cannot read " + topic + " on " + config.string("bootstrap.servers") + ": "
                    + e.getMessage(), e);
        }
    }

    private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Instant time,
                                               Map<TopicPartition, Long> latest) {
        final Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        consumer.offsetsForTimes(query, TIMEOUT).forEach((tp, found) ->
                offsets.put(tp, found == null ? latest.get(tp) : ((OffsetAndTimestamp) found).offset()));
        return offsets;
    }

    private static Properties properties(AuthwatchConfig config) {
        final Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "authwatch-backtest-" + UUID.randomUUID());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return p;
    }

    /** How many offsets the span holds (an upper bound of its records: transaction markers take offsets too). */
    long size() {
        long n = 0;
        for (final Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            n += Math.max(0, e.getValue() - startOffsets.get(e.getKey()));
        }
        return n;
    }

    /** The offset in the span of the first record at or after {@code time} (for progress). */
    long offsetsBefore(Instant time) {
        final Map<TopicPartition, Long> at = offsetsAt(List.copyOf(endOffsets.keySet()), time, endOffsets);
        long n = 0;
        for (final Map.Entry<TopicPartition, Long> e : at.entrySet()) {
            final long clipped = Math.min(endOffsets.get(e.getKey()), Math.max(startOffsets.get(e.getKey()), e.getValue()));
            n += clipped - startOffsets.get(e.getKey());
        }
        return n;
    }

    /**
     * Hands every record of the span to {@code sink} in Kafka timestamp order across partitions (offset
     * order within one): a k-way merge of the partitions, so that the replay's input time never runs
     * ahead of a partition that is still behind, as one task of a live monitor reads them.
     */
    void forEach(Consumer<ConsumerRecord<String, byte[]>> sink) {
        final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> queues = new HashMap<>();
        final Map<TopicPartition, Long> reading = new HashMap<>(endOffsets);
        reading.entrySet().removeIf(e -> startOffsets.get(e.getKey()) >= e.getValue());
        reading.keySet().forEach(tp -> queues.put(tp, new ArrayDeque<>()));
        consumer.pause(consumer.assignment().stream().filter(tp -> !reading.containsKey(tp)).toList());
        long idleSince = System.nanoTime();
        while (!queues.isEmpty()) {
            final var records = consumer.poll(Duration.ofMillis(reading.isEmpty() ? 0 : 500));
            if (!records.isEmpty() || reading.isEmpty()) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > TIMEOUT.toNanos()) {
                throw new StartupException("no record of " + topic + " arrived for " + TIMEOUT.toSeconds() + "s");
            }
            for (final ConsumerRecord<String, byte[]> r : records) {
                final TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                final Long end = reading.get(tp);
                if (end != null && r.offset() < end) {
                    queues.get(tp).add(r);
                }
            }
            for (final TopicPartition tp : List.copyOf(reading.keySet())) {
                if (consumer.position(tp) >= reading.get(tp)) {
                    reading.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            drainMerged(queues, reading, sink);
            throttle(queues, reading);
        }
    }

    /** Emits the earliest head while every partition still being read has one buffered. */
    private static void drainMerged(Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> queues,
                                    Map<TopicPartition, Long> reading, Consumer<ConsumerRecord<String, byte[]>> sink) {
        while (!queues.isEmpty()) {
            TopicPartition earliest = null;
            for (final Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> e : queues.entrySet()) {
                final ConsumerRecord<String, byte[]> head = e.getValue().peekFirst();
                if (head == null) {
                    if (reading.containsKey(e.getKey())) {
                        return;
                    }
                    continue;
                }
                if (earliest == null || head.timestamp() < queues.get(earliest).peekFirst().timestamp()) {
                    earliest = e.getKey();
                }
            }
            if (earliest == null) {
                queues.clear();
                return;
            }
            sink.accept(queues.get(earliest).pollFirst());
            queues.entrySet().removeIf(e -> e.getValue().isEmpty() && !reading.containsKey(e.getKey()));
        }
    }

    /** Bounds memory: a partition far ahead of the others waits until they catch up. */
    private void throttle(Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> queues,
                          Map<TopicPartition, Long> reading) {
        for (final TopicPartition tp : reading.keySet()) {
            final int buffered = queues.get(tp).size();
            if (buffered > 50_000) {
                consumer.pause(List.of(tp));
            } else if (buffered < 10_000) {
                consumer.resume(List.of(tp));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
