package io.authwatch.testing;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.embedded.SessionScript;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.policy.PolicyFile;
import io.authwatch.policy.PolicyPublisher;
import io.authwatch.runtime.AuthwatchService;
import io.authwatch.runtime.TopicSetup;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.Topic;
import io.authwatch.topology.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One monitor under test on a real broker: its own application id, topics and state directory, so
 * test classes sharing a broker never see each other's records. Timings are shortened
 * ({@code rule.session-quiet} PT2S, {@code rule.idle-sweep} PT1S, {@code ordering.grace} PT1S) so
 * that decisions come within seconds; everything else is the contract's default.
 */
public final class MonitorFixture implements AutoCloseable {

    private final AuthwatchConfig config;
    private final Path stateDir;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KafkaProducer<String, TelemetryEvent> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private AuthwatchService service;

    public MonitorFixture(String bootstrapServers, String registryUrl, Map<String, String> overrides) throws Exception {
        final String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        this.stateDir = Files.createTempDirectory("authwatch-" + id);
        final Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", bootstrapServers);
        m.put("schema.registry.url", registryUrl);
        m.put("application.id", id);
        m.put("state.dir", stateDir.toString());
        m.put("topics.create", "true");
        m.put("topics.partitions", "2");
        for (String t : List.of("telemetry", "policy", "violations", "enforcement", "dlq")) {
            m.put("topic." + t, id + "." + t);
        }
        m.put("rule.session-quiet", "PT2S");
        m.put("rule.idle-sweep", "PT1S");
        m.put("ordering.grace", "PT1S");
        m.put("user-ref.secret", "integration-test-secret");
        m.putAll(overrides);
        this.config = AuthwatchConfig.of(m).validate();
        new TopicSetup(config).ensure();
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        final Topic<String, TelemetryEvent> telemetry = Topics.from(config).telemetry();
        this.producer = new KafkaProducer<>(p, new StringSerializer(), telemetry.valueSerde().serializer());
        this.rawProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public AuthwatchConfig config() {
        return config;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    /** The running service (null while stopped). */
    public AuthwatchService service() {
        return service;
    }

    /** Publishes the repository's platform policy (version 1), as an operator would. */
    public MonitorFixture withPlatformPolicy() {
        PolicyPublisher.publish(config, PolicyFile.read(Path.of("../deploy/policies/platform-default.json")));
        return this;
    }

    /** Starts the monitor and waits until it is RUNNING. */
    public MonitorFixture start() throws InterruptedException {
        service = AuthwatchService.start(config, new AuthwatchMetrics(meters));
        if (!service.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the monitor did not reach RUNNING: " + service.streams().state());
        }
        return this;
    }

    /** Stops the monitor cleanly (its state directory stays, as on a real host). */
    public void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /** Sends the sessions' events in order and waits for the broker's acknowledgements. */
    public void send(SessionScript... sessions) throws ExecutionException, InterruptedException {
        for (SessionScript s : sessions) {
            for (TelemetryEvent e : s.events()) {
                producer.send(new ProducerRecord<>(config.string("topic.telemetry"), s.key(), e));
            }
        }
        producer.flush();
    }

    /** Sends bytes that are not a telemetry event. */
    public void sendRaw(String key, byte[] value) throws ExecutionException, InterruptedException {
        rawProducer.send(new ProducerRecord<>(config.string("topic.telemetry"), key, value)).get();
    }

    @Override
    public void close() {
        stop();
        producer.close();
        rawProducer.close();
        TempDirs.deleteRecursively(stateDir);
    }
}
