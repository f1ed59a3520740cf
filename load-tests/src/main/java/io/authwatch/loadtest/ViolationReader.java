package io.authwatch.loadtest;

import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a violations topic as the platform's enforcement systems would — {@code read_committed},
 * so a violation is seen once its transaction commits — noting when each one was seen.
 */
final class ViolationReader implements AutoCloseable {

    /** A violation and the wall-clock time (ms) it became visible. */
    record Seen(Violation violation, long seenAt) {
    }

    private final KafkaConsumer<String, Violation> consumer;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile long lastArrival = System.currentTimeMillis();
    private volatile boolean stopped;

    ViolationReader(BenchCluster cluster, Topics topics) {
        final Properties p = new Properties();
        p.putAll(cluster.clientOverrides());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), topics.violations().valueSerde().deserializer());
        consumer.subscribe(List.of(topics.violations().name()));
        this.thread = new Thread(this::poll, "bench-violation-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (!stopped) {
                for (final ConsumerRecord<String, Violation> r : consumer.poll(Duration.ofMillis(50))) {
                    final long now = System.currentTimeMillis();
                    synchronized (seen) {
                        seen.add(new Seen(r.value(), now));
                    }
                    lastArrival = now;
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    List<Violation> violations() {
        return seen().stream().map(Seen::violation).toList();
    }

    /**
     * Waits until at least {@code atLeast} has passed (long enough for quiet sessions to be
     * decided) and then no violation has arrived for {@code quietFor}.
     */
    void awaitSettled(Duration atLeast, Duration quietFor, Duration timeout) {
        final long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < timeout.toMillis()) {
            final long now = System.currentTimeMillis();
            if (now - start >= atLeast.toMillis() && now - lastArrival >= quietFor.toMillis()) {
                return;
            }
            StreamsRun.sleep(200);
        }
    }

    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
