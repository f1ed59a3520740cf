package io.authwatch.loadtest;

import io.authwatch.topology.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline: reads the telemetry topic and writes every record unchanged to another topic,
 * through the same Avro deserializer and serializer as the monitor. Under the same processing
 * guarantee and commit interval it is the practical ceiling of the machine for this input.
 */
final class PassThroughTopology {

    private PassThroughTopology() {
    }

    static Topology build(Topics topics, String outputTopic) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.telemetry().name(), topics.telemetry().consumed("passthrough-source"))
                .to(outputTopic, Produced.with(topics.telemetry().keySerde(), topics.telemetry().valueSerde())
                        .withName("passthrough-sink"));
        return builder.build();
    }
}
