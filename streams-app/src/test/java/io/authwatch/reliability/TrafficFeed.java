package io.authwatch.reliability;

import io.authwatch.simulator.GeneratedEvent;
import io.authwatch.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Live traffic for a fault test: the dataset's records in delivery order, at a steady rate, from a
 * background thread, by an idempotent producer (acks=all) that rides out a broker restart: the
 * platform's client runtime keeps sending while the monitor or the broker is down.
 */
final class TrafficFeed implements AutoCloseable {

    private final List<GeneratedEvent> events;
    private final String topic;
    private final double perSecond;
    private final KafkaProducer<String, TelemetryEvent> producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;

    TrafficFeed(String bootstrapServers, String topic, Serializer<TelemetryEvent> values, List<GeneratedEvent> events,
                double perSecond) {
        this.events = events;
        this.topic = topic;
        this.perSecond = perSecond;
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), values);
        this.thread = new Thread(this::run, "traffic-feed");
        this.thread.setDaemon(true);
    }

    /** Starts sending. */
    TrafficFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        final long t0 = System.nanoTime();
        try {
            for (final GeneratedEvent e : events) {
                final long due = t0 + (long) (sent.get() * 1e9 / perSecond);
                final long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the feed is the point here
                }
                producer.send(new ProducerRecord<>(topic, e.key(), e.value()), (md, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            done.countDown();
        }
    }

    /** Records handed to the producer so far. */
    long sent() {
        return sent.get();
    }

    /** Share of the dataset handed to the producer so far. */
    double progress() {
        return (double) sent.get() / events.size();
    }

    /** Waits until every record is acknowledged by the broker; fails if one could not be sent. */
    void awaitDone(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the feed did not finish within " + timeout + " (" + sent() + " sent)");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the feed lost a record", failure.get());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(Duration.ofSeconds(10));
    }
}
