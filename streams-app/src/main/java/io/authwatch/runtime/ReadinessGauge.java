package io.authwatch.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code authwatch_ready}: 1 while Kafka Streams is RUNNING (what {@code /readyz} answers 200 for),
 * else 0, so that an alert can tell an instance that is up but not processing (rebalancing for too
 * long, stuck restoring) from one that is down. Kafka Streams' own client state metric is a string,
 * which Prometheus cannot hold.
 */
public final class ReadinessGauge {

    public static final String NAME = "authwatch_ready";

    private ReadinessGauge() {
    }

    /** Registers the gauge for {@code streams} in {@code registry}. */
    public static void bind(MeterRegistry registry, KafkaStreams streams) {
        Gauge.builder(NAME, streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING (GET /readyz answers 200), else 0")
                .register(registry);
    }
}
