package io.authwatch.ops;

import static io.authwatch.testing.Ports.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.config.AuthwatchConfig;
import io.authwatch.embedded.SessionScript;
import io.authwatch.policy.PolicyFile;
import io.authwatch.policy.PolicyPublisher;
import io.authwatch.runtime.ServedMonitor;
import io.authwatch.runtime.TopicSetup;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.TempDirs;
import io.authwatch.testing.TestRegistry;
import io.authwatch.topology.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An action outlives the window it was issued in: with {@code enforce.window=PT1M} (it divides a day),
 * a WARNING issued in one minute's window is still listed by {@code /api/actions?active=true} after
 * event time has closed that window, until its expiresAt; and /metrics had every violation series at
 * zero before the first violation.
 */
class ActionAcrossWindowCloseIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        stateDirs.forEach(TempDirs::deleteRecursively);
    }

    @Test
    void shouldListAnActionAfterItsWindowClosedUntilItExpires() throws Exception {
        // Given a monitor with one-minute windows and a grace of one second
        final String id = "it-close-" + UUID.randomUUID().toString().substring(0, 8);
        final int port = freePort();
        final AuthwatchConfig config = config(id, port);
        new TopicSetup(config).ensure();
        PolicyPublisher.publish(config, PolicyFile.read(Path.of("../deploy/policies/platform-default.json")));
        final ServedMonitor monitor = ServedMonitor.start(config);
        started.add(monitor);
        await().atMost(Duration.ofSeconds(90)).until(() -> monitor.service().streams().state() == KafkaStreams.State.RUNNING);
        final String metrics = get(port, "/metrics").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("authwatch_violations_total{") && l.endsWith("} 0.0")))
                .hasSize(72);

        // And five users prompted on the first screen within one minute window, four minutes ago
        final Instant windowTime = Instant.now().minus(Duration.ofMinutes(4)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .plusSeconds(5);
        send(config, "wxclose01", 5, windowTime);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> json(get(port, "/api/actions?active=true&appId=wxclose01")).size() == 1);
        final JsonNode action = json(get(port, "/api/actions?active=true")).get(0);
        assertThat(action.get("action").asText()).isEqualTo("WARNING");
        assertThat(Instant.parse(action.get("windowEnd").asText())).isEqualTo(windowTime.minusSeconds(5).plusSeconds(60));

        // When event time moves two minutes past the window's end (another app's users, later)
        send(config, "wxclose02", 1, windowTime.plus(Duration.ofMinutes(3)));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(port, "/api/apps/wxclose02").statusCode() == 200);

        // Then the window has closed, and the warning is still in force and listed, until its expiresAt
        final JsonNode after = json(get(port, "/api/actions?active=true&appId=wxclose01"));
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("actionId").asText()).isEqualTo(action.get("actionId").asText());
        assertThat(Instant.parse(after.get(0).get("expiresAt").asText())).isAfter(Instant.now());
        assertThat(json(get(port, "/api/apps/wxclose01/history?days=1")).get("windows").get(0)
                .get("actions").get(0).get("actionId").asText()).isEqualTo(action.get("actionId").asText());
    }

    private AuthwatchConfig config(String id, int httpPort) throws IOException {
        final Path stateDir = Files.createTempDirectory("authwatch-" + id);
        stateDirs.add(stateDir);
        final Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", KAFKA.bootstrapServers());
        m.put("schema.registry.url", REGISTRY.url());
        m.put("application.id", id);
        m.put("state.dir", stateDir.toString());
        m.put("topics.create", "true");
        m.put("topics.partitions", "1");
        for (final String t : List.of("telemetry", "policy", "violations", "enforcement", "dlq")) {
            m.put("topic." + t, id + "." + t);
        }
        m.put("rule.session-quiet", "PT2S");
        m.put("rule.idle-sweep", "PT1S");
        m.put("ordering.grace", "PT1S");
        m.put("enforce.window", "PT1M");
        m.put("enforce.grace", "PT1S");
        m.put("user-ref.secret", "integration-test-secret");
        m.put("http.bind", "127.0.0.1");
        m.put("http.port", String.valueOf(httpPort));
        return AuthwatchConfig.of(m).validate();
    }

    /** {@code users} users of the app, each prompted for the phone number on the home page right after launch. */
    private void send(AuthwatchConfig config, String app, int users, Instant at) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, TelemetryEvent> producer = new KafkaProducer<>(p, new StringSerializer(),
                Topics.from(config).telemetry().valueSerde().serializer())) {
            for (int u = 1; u <= users; u++) {
                final SessionScript s = new SessionScript(app, "user-" + u, at)
                        .launch("pages/index/index").view("pages/index/index", true)
                        .prompt("pages/index/index", PromptTrigger.PAGE_LOAD, null, false)
                        .answer(AuthOutcome.DENIED).tap("pages/index/index");
                s.events().forEach(e -> producer.send(new ProducerRecord<>(config.string("topic.telemetry"), s.key(), e)));
            }
            producer.flush();
        }
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
