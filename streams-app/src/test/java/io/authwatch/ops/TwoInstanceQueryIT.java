package io.authwatch.ops;

import static io.authwatch.testing.Ports.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.config.AuthwatchConfig;
import io.authwatch.embedded.SessionScript;
import io.authwatch.enforcement.EnforcementStores;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two monitor instances of one application id on a real broker, each with its HTTP server
 * advertised as {@code application.server}: each answers for the apps whose state lives on the
 * other (asking it, with the caller's token), and the listings merge both.
 */
class TwoInstanceQueryIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private static final String TOKEN = "two-instance-token";
    private static final int APPS = 12;

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
    void shouldAnswerOnEachInstanceForTheAppsThatLiveOnTheOther() throws Exception {
        // Given two instances of one application, sharing four partitions
        final String id = "it-two-" + UUID.randomUUID().toString().substring(0, 8);
        final int portA = freePort();
        final int portB = freePort();
        final AuthwatchConfig configA = config(id, portA);
        final AuthwatchConfig configB = config(id, portB);
        new TopicSetup(configA).ensure();
        PolicyPublisher.publish(configA, PolicyFile.read(Path.of("../deploy/policies/platform-default.json")));
        final ServedMonitor a = remember(ServedMonitor.start(configA));
        final ServedMonitor b = remember(ServedMonitor.start(configB));
        await().atMost(Duration.ofSeconds(90)).until(() -> running(a) && running(b)
                && a.service().streams().metadataForAllStreamsClients().size() == 2);

        // And users prompted on the first screen of twelve apps
        final List<String> apps = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
            apps.add(String.format("wxtwoinst%02d", i));
        }
        send(configA, apps);

        // When every app's violations have reached enforcement, on whichever instance owns it
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                apps.stream().allMatch(app -> affectedUsers(portA, app) >= 1));
        final Map<String, HostInfo> owners = new HashMap<>();
        for (final String app : apps) {
            owners.put(app, a.service().streams().queryMetadataForKey(EnforcementStores.WINDOW_STATE, app,
                    new StringSerializer()).activeHost());
        }
        final HostInfo hostA = new HostInfo("127.0.0.1", portA);
        final HostInfo hostB = new HostInfo("127.0.0.1", portB);
        assertThat(new HashSet<>(owners.values())).as("both instances own some of the apps")
                .containsExactlyInAnyOrder(hostA, hostB);

        // Then each instance answers for every app, its own and the other's, with the owner's counts
        for (final String app : apps) {
            final JsonNode viaA = json(get(portA, "/api/apps/" + app, TOKEN));
            final JsonNode viaB = json(get(portB, "/api/apps/" + app, TOKEN));
            assertThat(viaA.get("appId").asText()).isEqualTo(app);
            assertThat(viaA.get("window")).isEqualTo(viaB.get("window"));
            assertThat(viaA.get("window").get("affectedUsers").asLong()).isEqualTo(2);
            assertThat(viaA.get("recentViolations")).isNotEmpty();
            assertThat(viaB.get("recentViolations").get(0).get("rule").asText()).isEqualTo("FIRST_SCREEN_PROMPT");
        }
        // And the listings of either instance hold the apps of both
        final Set<String> listedByA = appIds(json(get(portA, "/api/apps?limit=1000", TOKEN)));
        final Set<String> listedByB = appIds(json(get(portB, "/api/apps?limit=1000", TOKEN)));
        assertThat(listedByA).containsAll(apps).isEqualTo(listedByB);
        final Set<String> violatingByB = new HashSet<>();
        json(get(portB, "/api/violations?limit=1000", TOKEN)).get("violations").forEach(v -> violatingByB.add(v.get("appId").asText()));
        assertThat(violatingByB).containsAll(apps);
        assertThat(json(get(portA, "/api/summary", TOKEN)).get("instances").asInt()).isEqualTo(2);

        // And either instance answers the ledger with the same body: the actions, and each app's history
        assertThat(get(portA, "/api/actions?limit=1000", TOKEN).body())
                .isEqualTo(get(portB, "/api/actions?limit=1000", TOKEN).body());
        for (final String app : apps) {
            final String historyA = get(portA, "/api/apps/" + app + "/history?days=2", TOKEN).body();
            assertThat(historyA).isEqualTo(get(portB, "/api/apps/" + app + "/history?days=2", TOKEN).body());
            assertThat(json(get(portA, "/api/apps/" + app + "/history", TOKEN)).get("windows").get(0)
                    .get("affectedUsers").asLong()).isEqualTo(2);
        }

        // And an app nobody has seen is a 404 from both, and the token is still required on both
        assertThat(get(portA, "/api/apps/wxnobodyknows", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get(portB, "/api/apps/wxnobodyknows", TOKEN).statusCode()).isEqualTo(404);
        final String appOnB = apps.stream().filter(app -> owners.get(app).equals(hostB)).findFirst().orElseThrow();
        assertThat(get(portA, "/api/apps/" + appOnB, null).statusCode()).isEqualTo(401);
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
        m.put("topics.partitions", "4");
        for (final String t : List.of("telemetry", "policy", "violations", "enforcement", "dlq")) {
            m.put("topic." + t, id + "." + t);
        }
        m.put("rule.session-quiet", "PT2S");
        m.put("rule.idle-sweep", "PT1S");
        m.put("ordering.grace", "PT1S");
        m.put("user-ref.secret", "integration-test-secret");
        m.put("http.bind", "127.0.0.1");
        m.put("http.port", String.valueOf(httpPort));
        m.put("http.auth.token", TOKEN);
        m.put("application.server", "127.0.0.1:" + httpPort);
        return AuthwatchConfig.of(m).validate();
    }

    /** Two users per app, each prompted for the phone number on the home page right after launch. */
    private void send(AuthwatchConfig config, List<String> apps) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, TelemetryEvent> producer = new KafkaProducer<>(p, new StringSerializer(),
                Topics.from(config).telemetry().valueSerde().serializer())) {
            for (final String app : apps) {
                for (final String user : List.of("user-1", "user-2")) {
                    final SessionScript s = new SessionScript(app, user, Instant.now().minusSeconds(30))
                            .launch("pages/index/index").view("pages/index/index", true)
                            .prompt("pages/index/index", PromptTrigger.PAGE_LOAD, null, false)
                            .answer(AuthOutcome.DENIED).tap("pages/index/index");
                    s.events().forEach(e -> producer.send(new ProducerRecord<>(config.string("topic.telemetry"),
                            s.key(), e)));
                }
            }
            producer.flush();
        }
    }

    private long affectedUsers(int port, String app) {
        final HttpResponse<String> response = get(port, "/api/apps/" + app, TOKEN);
        return response.statusCode() == 200 ? json(response).get("window").get("affectedUsers").asLong() : -1;
    }

    private HttpResponse<String> get(int port, String path, String token) {
        final HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(req.GET().build(), HttpResponse.BodyHandlers.ofString());
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

    private static Set<String> appIds(JsonNode rows) {
        final Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.get("appId").asText()));
        return ids;
    }

    private static boolean running(ServedMonitor m) {
        return m.service().streams().state() == KafkaStreams.State.RUNNING;
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.add(part);
        return part;
    }
}
