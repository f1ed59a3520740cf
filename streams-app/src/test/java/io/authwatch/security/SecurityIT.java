package io.authwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.embedded.EmbeddedKafkaBroker;
import io.authwatch.embedded.SessionScript;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.runtime.AuthwatchService;
import io.authwatch.runtime.StartupException;
import io.authwatch.runtime.TopicSetup;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.testing.MonitorProcess;
import io.authwatch.testing.TempDirs;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor against a broker that requires SASL (SCRAM-SHA-512) on its client listener: the
 * {@code kafka.*} pass-through carries the credentials to every client (topic check, Kafka Streams,
 * the dead-letter sink), wrong credentials stop the start with a clear message, and no secret —
 * SASL password, {@code user-ref.secret}, registry credentials, HTTP token — ever reaches the logs or
 * the config dump. The test harness itself produces and reads on the broker's plaintext listener.
 */
class SecurityIT {

    @RegisterExtension
    static final TestRegistry REGISTRY = new TestRegistry();

    private static final String USER = "authwatch-monitor";
    private static final String PASSWORD = "Sasl-Pa55word-3f9c1e";
    private static final String HOME = "pages/index/index";
    private static Path brokerDir;
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        brokerDir = Files.createTempDirectory("authwatch-it-scram");
        broker = EmbeddedKafkaBroker.startWithScram(brokerDir, 0, USER, PASSWORD);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
        TempDirs.deleteRecursively(brokerDir);
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    /** A monitor's config on the SASL listener, with its own application id and topics. */
    private Map<String, String> config(String password) {
        final String id = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        final Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", broker.saslBootstrapServers());
        m.put("schema.registry.url", REGISTRY.url());
        m.put("application.id", id);
        m.put("state.dir", dir.resolve("state").toString());
        m.put("topics.create", "true");
        m.put("topics.partitions", "2");
        for (final String t : List.of("telemetry", "policy", "violations", "enforcement", "dlq")) {
            m.put("topic." + t, id + "." + t);
        }
        m.put("http.port", "0");
        m.put("http.bind", "127.0.0.1");
        m.put("kafka.security.protocol", "SASL_PLAINTEXT");
        m.put("kafka.sasl.mechanism", EmbeddedKafkaBroker.SCRAM_MECHANISM);
        m.put("kafka.sasl.jaas.config", jaas(password));
        return m;
    }

    @Test
    void shouldProcessRecordsThroughTheSaslListenerWithThePassThroughSettings() throws Exception {
        // Given the monitor configured for SCRAM-SHA-512 through kafka.* keys only
        final AuthwatchConfig config = AuthwatchConfig.of(config(PASSWORD)).validate();
        try (AuthwatchService service = AuthwatchService.start(config, new AuthwatchMetrics(new SimpleMeterRegistry()));
             TopicReader<Violation> violations = violations(config)) {
            assertThat(service.awaitRunning(Duration.ofSeconds(90))).isTrue();
            // When a violating session arrives
            send(config, firstScreenPrompt("wxsasl"));
            // Then it is judged and published
            await().atMost(Duration.ofSeconds(60)).until(() -> violations.values().stream()
                    .anyMatch(v -> v.getAppId().equals("wxsasl")));
        }
    }

    @Test
    void shouldRefuseToStartWithAClearMessageOnWrongCredentials() throws Exception {
        // Given a wrong password, in-process and through the CLI
        final String wrong = "Wrong-Pa55word-77aa01";
        final AuthwatchConfig config = AuthwatchConfig.of(config(wrong)).validate();
        // Then the start fails on the first call to the broker, naming the cause and never the password
        final StartupException e = org.junit.jupiter.api.Assertions.assertThrows(StartupException.class,
                () -> new TopicSetup(config).ensure());
        assertThat(e.getMessage()).contains("Authentication failed").contains("SCRAM-SHA-512")
                .contains(broker.saslBootstrapServers()).doesNotContain(wrong);
        final MonitorProcess cli = new MonitorProcess("wrong-credentials", dir, config(wrong)).start();
        try {
            final Integer exit = cli.jvm().awaitExit(Duration.ofSeconds(90));
            assertThat(exit).as(cli.jvm().tail()).isEqualTo(3);
            assertThat(cli.log()).contains("authwatch: cannot list topics on " + broker.saslBootstrapServers())
                    .contains("Authentication failed").doesNotContain(wrong);
        } finally {
            cli.close();
        }
    }

    @Test
    void shouldNeverWriteASecretToTheLogsOrTheConfigDump() throws Exception {
        // Given every kind of secret, in the config file and in the environment
        final String userRefSecret = "user-ref-Secret-5d2b7c";
        final String registryPassword = "Registry-Pa55-91e0ab";
        final String httpToken = "Http-Token-0c7f3a88";
        final Map<String, String> c = config(PASSWORD);
        c.put("schema.registry.basic.auth.user.info", "registry-user:" + registryPassword);
        c.put("http.auth.token", httpToken);
        final MonitorProcess monitor = new MonitorProcess("secrets", dir, c,
                Map.of("AUTHWATCH_USER_REF_SECRET", userRefSecret));
        try (TopicReader<Violation> violations = violations(AuthwatchConfig.of(c))) {
            // When the monitor runs, judges a violating session and stops
            monitor.startAndAwaitRunning();
            send(AuthwatchConfig.of(c), firstScreenPrompt("wxsecrets"));
            await().atMost(Duration.ofSeconds(60)).until(() -> violations.values().stream()
                    .anyMatch(v -> v.getAppId().equals("wxsecrets")));
            monitor.stop();
        } finally {
            monitor.close();
        }
        // Then its whole output, config dump included, holds none of them
        final String log = monitor.log();
        assertThat(log).contains("Configuration: {").contains("kafka.sasl.jaas.config=[hidden]")
                .contains("user-ref.secret=[hidden]").contains("schema.registry.basic.auth.user.info=[hidden]")
                .contains("http.auth.token=[hidden]");
        assertThat(log).doesNotContain(PASSWORD).doesNotContain(userRefSecret).doesNotContain(registryPassword)
                .doesNotContain(httpToken);
    }

    private TopicReader<Violation> violations(AuthwatchConfig config) {
        return new TopicReader<>(broker.bootstrapServers(), config.string("topic.violations"),
                Topics.from(config).violations().valueSerde().deserializer());
    }

    /** Sends as the platform does, on the plaintext listener (the harness, not the monitor). */
    private static void send(AuthwatchConfig config, SessionScript session) throws Exception {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, TelemetryEvent> producer = new KafkaProducer<>(p, new StringSerializer(),
                Topics.from(config).telemetry().valueSerde().serializer())) {
            for (final TelemetryEvent e : session.events()) {
                producer.send(new ProducerRecord<>(config.string("topic.telemetry"), session.key(), e)).get();
            }
        }
    }

    private static SessionScript firstScreenPrompt(String app) {
        return new SessionScript(app, "u-1", Instant.now().minusSeconds(30)).launch(HOME).view(HOME, true)
                .prompt(HOME, PromptTrigger.PAGE_LOAD, null, false).answer(AuthOutcome.GRANTED);
    }
}
