package io.authwatch.http;

import static io.authwatch.testing.Ports.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementKind;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two HTTP servers, each holding its own apps, that are told which of them owns which app: each
 * must answer for the other's apps by asking it, and merge both for the listings. The group view is
 * set by hand here; {@code TwoInstanceQueryIT} shows the same over a real Kafka Streams group.
 */
class QueryForwardingTest {

    private static final Instant NOW = Instant.parse("2025-03-10T04:00:00Z");
    private static final long TODAY = Instant.parse("2025-03-09T16:00:00Z").toEpochMilli();
    private static final long TOMORROW = Instant.parse("2025-03-10T16:00:00Z").toEpochMilli();
    private static final String TOKEN = "peer-token";

    private final List<OpsHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(OpsHttpServer::close);
    }

    private HttpProbe start(int port, InstanceDirectory directory, OpsQueries queries) throws IOException {
        final AuthwatchConfig config = AuthwatchConfig.of(Map.of("http.port", String.valueOf(port),
                "http.bind", "127.0.0.1", "http.auth.token", TOKEN, "application.server", "127.0.0.1:" + port));
        final OpsHttpServer server = OpsHttpServer.start(config, directory,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), queries, Clock.fixed(NOW, ZoneOffset.UTC));
        servers.add(server);
        return new HttpProbe(server.port());
    }

    @Test
    void shouldAnswerForAppsThatLiveOnTheOtherInstance() throws IOException {
        // Given instance A owning wxa and instance B owning wxb, each knowing the other
        final HostInfo a = new HostInfo("127.0.0.1", freePort());
        final HostInfo b = new HostInfo("127.0.0.1", freePort());
        final Instant t = Instant.parse("2025-03-10T02:00:00Z");
        final InMemoryOpsQueries storesA = new InMemoryOpsQueries()
                .window("wxa", Fixtures.counts(TODAY, TOMORROW, 50, 5))
                .violation(Fixtures.firstScreenViolation("wxa", "va", t));
        final InMemoryOpsQueries storesB = new InMemoryOpsQueries()
                .window("wxb", Fixtures.counts(TODAY, TOMORROW, 80, 20))
                .action(Fixtures.action("wxb", EnforcementKind.WARNING, TODAY, TOMORROW, t, Duration.ofDays(7)))
                .violation(Fixtures.firstScreenViolation("wxb", "vb", t.plusSeconds(5)));
        storesA.action(Fixtures.action("wxa", EnforcementKind.WARNING, TODAY, TOMORROW, t.plusSeconds(1),
                Duration.ofDays(7)));
        final HttpProbe httpA = start(a.port(), new StaticDirectory().owner("wxb", b).owner("wxnone", b).peer(b),
                storesA);
        final HttpProbe httpB = start(b.port(), new StaticDirectory().owner("wxa", a).peer(a), storesB);

        // When each is asked about the other's app, then each answers with the owner's data
        final JsonNode viaA = HttpProbe.json(httpA.get("/api/apps/wxb", TOKEN));
        assertThat(viaA.get("window").get("affectedUsers").asLong()).isEqualTo(20);
        assertThat(viaA.get("recentViolations").get(0).get("violationId").asText()).isEqualTo("vb");
        final JsonNode viaB = HttpProbe.json(httpB.get("/api/apps/wxa", TOKEN));
        assertThat(viaB.get("window").get("affectedUsers").asLong()).isEqualTo(5);

        // And the owner's 404 comes back as it was
        assertThat(httpA.get("/api/apps/wxnone", TOKEN).statusCode()).isEqualTo(404);

        // And the listings merge both instances
        final JsonNode apps = HttpProbe.json(httpA.get("/api/apps?limit=10", TOKEN));
        assertThat(apps).hasSize(2);
        assertThat(apps.get(0).get("appId").asText()).isEqualTo("wxb");
        assertThat(apps.get(1).get("appId").asText()).isEqualTo("wxa");
        final JsonNode violations = HttpProbe.json(httpB.get("/api/violations?limit=10", TOKEN)).get("violations");
        assertThat(violations).extracting(v -> v.get("violationId").asText()).containsExactly("vb", "va");
        assertThat(HttpProbe.json(httpB.get("/api/summary", TOKEN)).get("instances").asInt()).isEqualTo(2);

        // And the ledger: an app's history, actions and violations come from its owner, whoever is asked,
        // and the list of actions in force merges both
        assertThat(httpA.get("/api/apps/wxb/history?days=3", TOKEN).body())
                .isEqualTo(httpB.get("/api/apps/wxb/history?days=3", TOKEN).body());
        assertThat(HttpProbe.json(httpA.get("/api/apps/wxb/history", TOKEN)).get("windows").get(0)
                .get("affectedUsers").asLong()).isEqualTo(20);
        assertThat(HttpProbe.json(httpA.get("/api/actions?appId=wxb", TOKEN)))
                .extracting(x -> x.get("appId").asText()).containsExactly("wxb");
        assertThat(httpA.get("/api/actions?active=true", TOKEN).body())
                .isEqualTo(httpB.get("/api/actions?active=true", TOKEN).body());
        assertThat(HttpProbe.json(httpB.get("/api/actions?active=true", TOKEN)))
                .extracting(x -> x.get("appId").asText()).containsExactly("wxa", "wxb");
        assertThat(HttpProbe.json(httpA.get("/api/violations?appId=wxb", TOKEN)).get("violations"))
                .extracting(v -> v.get("violationId").asText()).containsExactly("vb");
        final JsonNode firstPage = HttpProbe.json(httpA.get("/api/violations?limit=1", TOKEN));
        assertThat(firstPage.get("violations")).extracting(v -> v.get("violationId").asText()).containsExactly("vb");
        final JsonNode secondPage = HttpProbe.json(httpB.get("/api/violations?limit=1&before="
                + firstPage.get("next").asText(), TOKEN));
        assertThat(secondPage.get("violations")).extracting(v -> v.get("violationId").asText()).containsExactly("va");
        assertThat(secondPage.get("next").isNull()).isTrue();
    }

    @Test
    void shouldFailListingsLoudlyWhenAPeerIsDown() throws IOException {
        // Given an instance whose only peer does not listen
        final HostInfo gone = new HostInfo("127.0.0.1", freePort());
        final HttpProbe http = start(freePort(), new StaticDirectory().peer(gone).owner("wxgone", gone),
                new InMemoryOpsQueries().window("wxa", Fixtures.counts(TODAY, TOMORROW, 5, 1)));

        // Then a listing does not silently drop the peer's apps, and a single app says who is missing
        final var list = http.get("/api/apps", TOKEN);
        assertThat(list.statusCode()).isEqualTo(502);
        assertThat(HttpProbe.json(list).get("error").asText()).contains(String.valueOf(gone.port()));
        assertThat(http.get("/api/apps/wxgone", TOKEN).statusCode()).isEqualTo(502);
        final JsonNode summary = HttpProbe.json(http.get("/api/summary", TOKEN));
        assertThat(summary.get("unreachableInstances").asInt()).isEqualTo(1);
    }

    @Test
    void shouldServeManyConcurrentListingsOnBothInstancesWithoutWaitingOnEachOther() throws Exception {
        // Given two instances that each fan listings out to the other
        final HostInfo a = new HostInfo("127.0.0.1", freePort());
        final HostInfo b = new HostInfo("127.0.0.1", freePort());
        final HttpProbe httpA = start(a.port(), new StaticDirectory().peer(b),
                new InMemoryOpsQueries().window("wxa", Fixtures.counts(TODAY, TOMORROW, 50, 5)));
        final HttpProbe httpB = start(b.port(), new StaticDirectory().peer(a),
                new InMemoryOpsQueries().window("wxb", Fixtures.counts(TODAY, TOMORROW, 80, 20)));

        // When both get a burst of listings at once
        final java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            final List<java.util.concurrent.Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                final HttpProbe target = i % 2 == 0 ? httpA : httpB;
                calls.add(callers.submit(() -> target.get("/api/apps?limit=5", TOKEN).statusCode()));
            }
            // Then every one is answered in full, well before a peer call would time out
            for (final java.util.concurrent.Future<Integer> call : calls) {
                assertThat(call.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
