package io.authwatch.loadtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.runtime.RocksDbMemory;
import io.authwatch.runtime.StreamsSettings;
import io.authwatch.topology.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka Streams pass-through in its own JVM, for {@code authwatch-bench compare}: {@code bytes}
 * copies each record's key and value bytes, {@code avro} decodes and re-encodes the value with
 * authwatch's own serdes ({@link PassThroughTopology}). Both use authwatch's Streams settings
 * ({@link StreamsSettings}) from an authwatch config file, so they differ from the monitor only in
 * the topology. Prints {@code RUNNING} when the client reaches RUNNING and runs until it is stopped
 * (SIGTERM).
 *
 * <p>{@code java -cp … io.authwatch.loadtest.PassThroughMain bytes|avro CONFIG OUTPUT_TOPIC}
 */
public final class PassThroughMain {

    private PassThroughMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3 || !("bytes".equals(args[0]) || "avro".equals(args[0]))) {
            System.err.println("usage: PassThroughMain bytes|avro CONFIG OUTPUT_TOPIC");
            System.exit(2);
        }
        final AuthwatchConfig config = AuthwatchConfig.load(Path.of(args[1]), Map.of());
        final String output = args[2];
        final Topology topology = "bytes".equals(args[0]) ? bytes(config.string("topic.telemetry"), output)
                : PassThroughTopology.build(Topics.from(config), output);
        final AuthwatchMetrics metrics = new AuthwatchMetrics(new SimpleMeterRegistry());
        final RocksDbMemory memory = new RocksDbMemory(config.longValue("rocksdb.memory.bytes"));
        final KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.of(config, metrics, memory));
        final CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println("RUNNING");
                System.out.flush();
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            memory.close();
        }, "passthrough-shutdown"));
        streams.start();
        stopped.await();
        System.exit(streams.state() == KafkaStreams.State.ERROR ? 1 : 0);
    }

    static Topology bytes(String input, String output) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bytes-source"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bytes-sink"));
        return builder.build();
    }
}
