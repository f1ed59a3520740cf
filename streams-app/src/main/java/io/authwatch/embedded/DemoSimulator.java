package io.authwatch.embedded;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.Topic;
import io.authwatch.topology.Topics;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the demo: a steady rate of realistic sessions ({@link DemoTraffic}) over 40 apps and
 * thousands of users to {@code topic.telemetry}, keyed {@code appId:userId}, values in the Confluent
 * wire format. Stands in until the load-test generator offers the same with ground truth.
 */
public final class DemoSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSimulator.class);
    private static final int TICKS_PER_SECOND = 10;

    private final Topic<String, TelemetryEvent> topic;
    private final KafkaProducer<String, TelemetryEvent> producer;
    private final DemoTraffic traffic = new DemoTraffic(System.nanoTime());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "demo-simulator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final double sessionsPerSecond;
    private double owed;

    /** A simulator for the cluster and registry of {@code config}; {@link #start()} begins sending. */
    public DemoSimulator(AuthwatchConfig config, double sessionsPerSecond) {
        this.topic = Topics.from(config).telemetry();
        this.sessionsPerSecond = sessionsPerSecond;
        final Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public DemoSimulator start() {
        ticker.scheduleAtFixedRate(this::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        LOG.info("Simulator sending about {} sessions/s over {} apps", sessionsPerSecond, traffic.apps().size());
        return this;
    }

    /** Events sent so far. */
    public long sent() {
        return sent.get();
    }

    private void tick() {
        try {
            owed += sessionsPerSecond / TICKS_PER_SECOND;
            for (; owed >= 1; owed--) {
                for (SessionScript session : traffic.next(Instant.now())) {
                    for (TelemetryEvent e : session.events()) {
                        producer.send(new ProducerRecord<>(topic.name(), null, e.getEventTime().toEpochMilli(),
                                session.key(), e), this::onSent);
                        sent.incrementAndGet();
                    }
                }
            }
        } catch (RuntimeException e) {
            // a hiccup (broker restarting, registry busy) must not end the schedule
            LOG.warn("Simulator could not send: {}", e.toString());
        }
    }

    /** Counts the events the broker refused and logs the first, then every thousandth. */
    private void onSent(RecordMetadata metadata, Exception error) {
        if (error != null) {
            final long n = failed.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("Simulator events not written so far: {} (latest: {})", n, error.toString());
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
