package io.authwatch.metrics;

import io.authwatch.config.AuthwatchConfig;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The monitor's meter registry: a Prometheus registry with Micrometer's own JVM and system binders,
 * the contract's {@link AuthwatchMetrics}, and (once the streams client exists) Micrometer's
 * {@link KafkaStreamsMetrics} binder. Nothing here re-implements a binder Micrometer ships.
 *
 * <p>Lifecycle: {@link #create()} before the topology is built (processors record into
 * {@link #authwatch()}), {@link #bindKafkaStreams(KafkaStreams)} once the client is constructed,
 * {@link #close()} after the client is closed.
 */
public final class MonitorMeters implements AutoCloseable {

    /**
     * How often the Kafka binder looks for new client metrics. Consumer lag and per-task metrics
     * appear only after partitions are assigned, so this bounds how long a dashboard waits for them.
     */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(15);

    private final PrometheusMeterRegistry registry;
    private final AuthwatchMetrics authwatch;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private MonitorMeters(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.authwatch = new AuthwatchMetrics(registry);
    }

    /** A Prometheus registry with the JVM binders and the contract's metrics registered. */
    public static MonitorMeters create(AuthwatchConfig config) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(LegacyTopicTwins.filter(config));
        final MonitorMeters meters = new MonitorMeters(registry);
        meters.bindJvm();
        return meters;
    }

    /** {@link #create(AuthwatchConfig)} for the default topic names. */
    public static MonitorMeters create() {
        return create(AuthwatchConfig.defaults());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public AuthwatchMetrics authwatch() {
        return authwatch;
    }

    /** Exports the streams client's metrics (threads, tasks, consumers, producers, state stores). */
    public synchronized void bindKafkaStreams(KafkaStreams streams) {
        final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "authwatch-kafka-metrics");
            t.setDaemon(true);
            return t;
        });
        final KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty(), refresher,
                KAFKA_METRICS_REFRESH);
        binder.bindTo(registry);
        closeables.add(binder);
        closeables.add(refresher::shutdownNow);
    }

    private void bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        final JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public synchronized void close() {
        for (final AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a binder only unregisters listeners; nothing to recover
            }
        }
        closeables.clear();
        registry.close();
    }
}
