package io.authwatch.topology;

import io.authwatch.config.AuthwatchConfig;
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

    public static Topology build(AuthwatchConfig config) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Topics topics = Topics.from(config);
        // detection and enforcement sub-topologies are added here as they land
        return builder.build();
    }
}
