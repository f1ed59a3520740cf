package io.authwatch.topology;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementTopology;
import io.authwatch.metrics.AuthwatchMetrics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The whole monitor as one topology: detection (telemetry and policy in, violations out) and
 * enforcement (violations and per-window activity in, actions out). A pure function of the config:
 * no I/O, no threads.
 */
public final class AuthwatchTopology {

    private AuthwatchTopology() {
    }

    /** The topology with metrics recorded into a registry nobody reads (tests, tools). */
    public static Topology build(AuthwatchConfig config) {
        return build(config, AuthwatchMetrics.noop());
    }

    public static Topology build(AuthwatchConfig config, AuthwatchMetrics metrics) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Topics topics = Topics.from(config);
        final DetectionOutputs detection = DetectionTopology.addTo(builder, topics, config, metrics);
        EnforcementTopology.addTo(builder, topics, config, metrics, detection.activity());
        return builder.build();
    }
}
