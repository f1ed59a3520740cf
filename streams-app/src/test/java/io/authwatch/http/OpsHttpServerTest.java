package io.authwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    /** 12:00 on 10 March 2025 in Shanghai: the current window is that day, from 16:00Z the day before. */
    private static final Instant NOW = Instant.parse("2025-03-10T04:00:00Z");
    private static final long TODAY = Instant.parse("2025-03-09T16:00:00Z").toEpochMilli();
    private static final long TOMORROW = Instant.parse("2025-03-10T16:00:00Z").toEpochMilli();
    private static final long YESTERDAY = Instant.parse("2025-03-08T16:00:00Z").toEpochMilli();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final InMemoryOpsQueries stores = new InMemoryOpsQueries();
    private final StaticDirectory directory = new StaticDirectory();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private OpsHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpProbe start(Map<String, String> overrides) throws IOException {
        final Map<String, String> config = new java.util.HashMap<>(Map.of("http.port", "0", "http.bind", "127.0.0.1"));
        config.putAll(overrides);
        server = OpsHttpServer.start(AuthwatchConfig.of(config), directory, registry, stores,
                Clock.fixed(NOW, ZoneOffset.UTC));
        return new HttpProbe(server.port());
    }

    @Test
    void shouldAnswerHealthzWhileUpAndReadyzOnlyWhileRunning() throws IOException {
        // Given a monitor whose streams client is rebalancing
        final HttpProbe http = start(Map.of());
        directory.state(KafkaStreams.State.REBALANCING);

        // Then it is alive but not ready, and says why
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        final HttpResponse<String> notReady = http.get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(HttpProbe.json(notReady).get("streamsState").asText()).isEqualTo("REBALANCING");

        // When the client reaches RUNNING, then it is ready
        directory.state(KafkaStreams.State.RUNNING);
        assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReportTheAppInTheCurrentWindowWithIsoTimestamps() throws IOException {
        // Given an app with counts today and yesterday, a warning, and one violation
        final Instant prompt = Instant.parse("2025-03-10T03:15:00Z");
        stores.window("wxshop01", Fixtures.counts(YESTERDAY, TODAY, 100, 50))
                .window("wxshop01", Fixtures.counts(TODAY, TOMORROW, 40, 6))
                .action(Fixtures.warning("wxshop01", TODAY, TOMORROW, prompt))
                .violation(Fixtures.firstScreenViolation("wxshop01", "v1", prompt));
        final HttpProbe http = start(Map.of());

        // When ops ask about the app
        final HttpResponse<String> response = http.get("/api/apps/wxshop01");

        // Then they see today's window, the warning and the violation with its evidence
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        final JsonNode app = HttpProbe.json(response);
        assertThat(app.get("appId").asText()).isEqualTo("wxshop01");
        final JsonNode window = app.get("window");
        assertThat(window.get("start").asText()).isEqualTo("2025-03-09T16:00:00Z");
        assertThat(window.get("end").asText()).isEqualTo("2025-03-10T16:00:00Z");
        assertThat(window.get("activeUsers").asLong()).isEqualTo(40);
        assertThat(window.get("affectedUsers").asLong()).isEqualTo(6);
        assertThat(window.get("affectedRate").asDouble()).isEqualTo(0.15);
        assertThat(window.get("violationsByRule").get("FIRST_SCREEN_PROMPT").asLong()).isEqualTo(6);
        assertThat(app.get("latestAction").get("action").asText()).isEqualTo("WARNING");
        assertThat(app.get("latestAction").get("expiresAt").asText()).isEqualTo("2025-03-17T03:15:00Z");
        final JsonNode violation = app.get("recentViolations").get(0);
        assertThat(violation.get("rule").asText()).isEqualTo("FIRST_SCREEN_PROMPT");
        assertThat(violation.get("eventTime").asText()).isEqualTo("2025-03-10T03:15:00Z");
        assertThat(violation.get("evidence")).hasSize(4);
        assertThat(violation.get("evidence").get(2).get("type").asText()).isEqualTo("PhoneAuthPrompt");
        assertThat(violation.get("evidence").get(3).get("path").isNull()).isTrue();
    }

    @Test
    void shouldShowAnEmptyCurrentWindowForAnAppSeenOnlyBefore() throws IOException {
        // Given an app active only yesterday
        stores.window("wxold", Fixtures.counts(YESTERDAY, TODAY, 10, 1));
        final HttpProbe http = start(Map.of());

        // When ops ask about it, then today's window is there with zero counts and no action
        final JsonNode app = HttpProbe.json(http.get("/api/apps/wxold"));
        assertThat(app.get("window").get("start").asText()).isEqualTo("2025-03-09T16:00:00Z");
        assertThat(app.get("window").get("activeUsers").asLong()).isZero();
        assertThat(app.get("latestAction").isNull()).isTrue();
        assertThat(app.get("recentViolations")).isEmpty();
    }

    @Test
    void shouldAnswer404WithAJsonErrorForAnAppNeverSeen() throws IOException {
        final HttpProbe http = start(Map.of());

        final HttpResponse<String> response = http.get("/api/apps/wxnever");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(HttpProbe.json(response).get("error").asText()).contains("wxnever");
        assertThat(HttpProbe.json(response).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void shouldRejectMalformedInputWith400AndAMessage() throws IOException {
        final HttpProbe http = start(Map.of());

        for (final String bad : new String[] {"/api/apps/wx%3Auser", "/api/apps/a%20b", "/api/apps/-x",
            "/api/apps/" + "a".repeat(129), "/api/apps?limit=0", "/api/apps?limit=1001", "/api/apps?limit=ten",
            "/api/violations?limit=-5", "/api/apps/wx1?limit=2000", "/api/violations?rule=FIRST_SCREEN",
            "/api/violations?confidence=SURE", "/api/violations?before=not-a-cursor", "/api/violations?appId=a%20b",
            "/api/actions?active=yes", "/api/apps/wx1/history?days=32", "/api/apps/wx1/history?days=0",
            "/api/apps/wx1/history?days=week", "/api/apps?scope=everything"}) {
            final HttpResponse<String> response = http.get(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(HttpProbe.json(response).get("error").asText()).as(bad).isNotBlank();
        }
        assertThat(http.get("/api/apps?limit=1").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/apps?limit=1000").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldListTheCurrentWindowsAppsByAffectedUsersDescending() throws IOException {
        // Given three apps today and one that was busy only yesterday
        stores.window("wxa", Fixtures.counts(TODAY, TOMORROW, 100, 3))
                .window("wxb", Fixtures.counts(TODAY, TOMORROW, 100, 30))
                .window("wxc", Fixtures.counts(TODAY, TOMORROW, 100, 12))
                .window("wxyesterday", Fixtures.counts(YESTERDAY, TODAY, 900, 500));
        final HttpProbe http = start(Map.of());

        // When ops list the top two
        final JsonNode rows = HttpProbe.json(http.get("/api/apps?limit=2"));

        // Then the two most affected apps of today come first
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("appId").asText()).isEqualTo("wxb");
        assertThat(rows.get(1).get("appId").asText()).isEqualTo("wxc");
        assertThat(rows.get(0).get("window").get("affectedUsers").asLong()).isEqualTo(30);
    }

    @Test
    void shouldListTheLatestViolationsNewestFirst() throws IOException {
        final Instant t = Instant.parse("2025-03-10T01:00:00Z");
        stores.violation(Fixtures.firstScreenViolation("wxa", "v-old", t))
                .violation(Fixtures.firstScreenViolation("wxb", "v-new", t.plusSeconds(60)))
                .violation(Fixtures.firstScreenViolation("wxa", "v-mid", t.plusSeconds(30)));
        final HttpProbe http = start(Map.of());

        final JsonNode page = HttpProbe.json(http.get("/api/violations?limit=2"));
        final JsonNode list = page.get("violations");

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("violationId").asText()).isEqualTo("v-new");
        assertThat(list.get(1).get("violationId").asText()).isEqualTo("v-mid");
    }

    @Test
    void shouldNameAnUnknownQueryParameterInA400() throws IOException {
        final HttpProbe http = start(Map.of());

        for (final String[] bad : new String[][] {{"/api/violations?app=wxa", "app"},
            {"/api/violations?limit=2&offset=20", "offset"}, {"/api/apps?sort=name", "sort"},
            {"/api/apps/wxa?days=3", "days"}, {"/api/actions?active=true&tier=WARNING", "tier"},
            {"/api/apps/wxa/history?limit=3", "limit"}, {"/api/summary?x=1", "x"}}) {
            final HttpResponse<String> response = http.get(bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(HttpProbe.json(response).get("error").asText()).as(bad[0]).contains("'" + bad[1] + "'");
        }
        assertThat(HttpProbe.json(http.get("/api/violations?rule=FIRST_SCREEN")).get("error").asText())
                .contains("FIRST_SCREEN").contains("REPROMPT_AFTER_DENIAL");
    }

    @Test
    void shouldFilterTheViolationsAndPageThroughThemWithTheNextCursor() throws IOException {
        // Given five violations of two apps and two rules, one needing review
        final Instant t = Instant.parse("2025-03-10T01:00:00Z");
        stores.violation(Fixtures.violation("wxa", "v1", t, RuleId.FIRST_SCREEN_PROMPT, Confidence.CONFIRMED))
                .violation(Fixtures.violation("wxa", "v2", t.plusSeconds(10), RuleId.REPROMPT_AFTER_DENIAL,
                        Confidence.NEEDS_REVIEW))
                .violation(Fixtures.violation("wxb", "v3", t.plusSeconds(20), RuleId.FIRST_SCREEN_PROMPT,
                        Confidence.CONFIRMED))
                .violation(Fixtures.violation("wxa", "v4", t.plusSeconds(30), RuleId.FIRST_SCREEN_PROMPT,
                        Confidence.CONFIRMED))
                .violation(Fixtures.violation("wxa", "v5", t.plusSeconds(40), RuleId.REPROMPT_AFTER_DENIAL,
                        Confidence.CONFIRMED));
        final HttpProbe http = start(Map.of());

        // Then each filter keeps only what it names
        assertThat(ids(http, "/api/violations?appId=wxa")).containsExactly("v5", "v4", "v2", "v1");
        assertThat(ids(http, "/api/violations?rule=FIRST_SCREEN_PROMPT")).containsExactly("v4", "v3", "v1");
        assertThat(ids(http, "/api/violations?confidence=NEEDS_REVIEW")).containsExactly("v2");
        assertThat(ids(http, "/api/violations?appId=wxa&rule=REPROMPT_AFTER_DENIAL&confidence=CONFIRMED"))
                .containsExactly("v5");

        // And pages of two follow each other through next, the last one without a next
        final JsonNode first = HttpProbe.json(http.get("/api/violations?limit=2"));
        assertThat(first.get("violations")).extracting(v -> v.get("violationId").asText()).containsExactly("v5", "v4");
        final JsonNode second = HttpProbe.json(http.get("/api/violations?limit=2&before=" + first.get("next").asText()));
        assertThat(second.get("violations")).extracting(v -> v.get("violationId").asText()).containsExactly("v3", "v2");
        final JsonNode third = HttpProbe.json(http.get("/api/violations?limit=2&before=" + second.get("next").asText()));
        assertThat(third.get("violations")).extracting(v -> v.get("violationId").asText()).containsExactly("v1");
        assertThat(third.get("next").isNull()).isTrue();
        // And a cursor keeps its filters' meaning
        final JsonNode ofA = HttpProbe.json(http.get("/api/violations?appId=wxa&limit=3"));
        assertThat(ids(http, "/api/violations?appId=wxa&before=" + ofA.get("next").asText())).containsExactly("v1");
    }

    @Test
    void shouldListTheActionsInForceNewestFirstAfterTheirWindowClosed() throws IOException {
        // Given a suspension issued 3 days ago (in force for 30 days), a warning of 9 days ago (expired),
        // and a warning of today
        final long threeDaysAgo = TODAY - 3 * DAY_MS;
        final long nineDaysAgo = TODAY - 9 * DAY_MS;
        stores.action(Fixtures.action("wxa", EnforcementKind.SUSPEND_PHONE_AUTH, threeDaysAgo, threeDaysAgo + DAY_MS,
                        Instant.ofEpochMilli(threeDaysAgo + 3_600_000), Duration.ofDays(30)))
                .action(Fixtures.action("wxb", EnforcementKind.WARNING, nineDaysAgo, nineDaysAgo + DAY_MS,
                        Instant.ofEpochMilli(nineDaysAgo + 3_600_000), Duration.ofDays(7)))
                .action(Fixtures.action("wxc", EnforcementKind.WARNING, TODAY, TOMORROW,
                        Instant.ofEpochMilli(TODAY + 3_600_000), Duration.ofDays(7)));
        final HttpProbe http = start(Map.of());

        // Then the actions in force are today's warning and the suspension, newest first
        final JsonNode active = HttpProbe.json(http.get("/api/actions?active=true"));
        assertThat(active).extracting(a -> a.get("appId").asText()).containsExactly("wxc", "wxa");
        assertThat(active.get(1).get("action").asText()).isEqualTo("SUSPEND_PHONE_AUTH");
        assertThat(active.get(1).get("expiresAt").asText()).isEqualTo(
                Instant.ofEpochMilli(threeDaysAgo + 3_600_000).plus(Duration.ofDays(30)).toString());
        // And without active=true every kept action is listed, and appId keeps one app's
        assertThat(HttpProbe.json(http.get("/api/actions"))).extracting(a -> a.get("appId").asText())
                .containsExactly("wxc", "wxa", "wxb");
        assertThat(HttpProbe.json(http.get("/api/actions?appId=wxb"))).hasSize(1);
        assertThat(HttpProbe.json(http.get("/api/actions?appId=wxb&active=true"))).isEmpty();
        assertThat(HttpProbe.json(http.get("/api/actions?limit=1"))).hasSize(1);
    }

    @Test
    void shouldShowAnAppsHistoryNewestFirstWithTheActionsOfEachWindowAndTheThresholds() throws IOException {
        // Given an app with counts today, yesterday and 10 days ago, and a warning yesterday
        stores.window("wxa", Fixtures.counts(TODAY, TOMORROW, 40, 2))
                .window("wxa", Fixtures.counts(YESTERDAY, TODAY, 100, 6))
                .window("wxa", Fixtures.counts(TODAY - 10 * DAY_MS, TODAY - 9 * DAY_MS, 90, 1))
                .action(Fixtures.action("wxa", EnforcementKind.WARNING, YESTERDAY, TODAY,
                        Instant.ofEpochMilli(YESTERDAY + 3_600_000), Duration.ofDays(7)));
        final HttpProbe http = start(Map.of());

        // When ops ask for the last 7 days (the default), then today and yesterday are there, newest first
        final JsonNode week = HttpProbe.json(http.get("/api/apps/wxa/history"));
        assertThat(week.get("days").asInt()).isEqualTo(7);
        assertThat(week.get("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(week.get("windowSize").asText()).isEqualTo("PT24H");
        assertThat(week.get("windows")).extracting(w -> w.get("start").asText())
                .containsExactly(Instant.ofEpochMilli(TODAY).toString(), Instant.ofEpochMilli(YESTERDAY).toString());
        final JsonNode yesterday = week.get("windows").get(1);
        assertThat(yesterday.get("affectedUsers").asLong()).isEqualTo(6);
        assertThat(yesterday.get("activeUsers").asLong()).isEqualTo(100);
        assertThat(yesterday.get("violationsByRule").get("FIRST_SCREEN_PROMPT").asLong()).isEqualTo(6);
        assertThat(yesterday.get("actions")).extracting(a -> a.get("action").asText()).containsExactly("WARNING");
        assertThat(week.get("windows").get(0).get("actions")).isEmpty();
        assertThat(week.get("tiers")).extracting(t -> t.get("action").asText() + ">=" + t.get("minUsers").asLong()
                + "@" + t.get("minRate").asDouble())
                .containsExactly("WARNING>=5@0.0", "RESTRICT_PHONE_AUTH>=50@0.05", "SUSPEND_PHONE_AUTH>=200@0.2");
        // And 11 days reach the window of 10 days ago; an app never seen is a 404
        assertThat(HttpProbe.json(http.get("/api/apps/wxa/history?days=11")).get("windows")).hasSize(3);
        assertThat(http.get("/api/apps/wxnever/history").statusCode()).isEqualTo(404);
    }

    private static List<String> ids(HttpProbe http, String path) {
        final HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        final List<String> ids = new java.util.ArrayList<>();
        HttpProbe.json(response).get("violations").forEach(v -> ids.add(v.get("violationId").asText()));
        return ids;
    }

    @Test
    void shouldRequireTheBearerTokenOnApiButLeaveHealthAndMetricsOpen() throws IOException {
        stores.window("wxa", Fixtures.counts(TODAY, TOMORROW, 10, 1));
        final HttpProbe http = start(Map.of("http.auth.token", "s3cret-token"));

        final HttpResponse<String> missing = http.get("/api/apps/wxa");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(missing.body()).doesNotContain("s3cret-token");
        assertThat(http.get("/api/apps/wxa", "wrong").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/summary").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/apps/wxa", "s3cret-token").statusCode()).isEqualTo(200);
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeTheConsoleAndNothingElseAtTheRoot() throws IOException {
        final HttpProbe http = start(Map.of());

        final HttpResponse<String> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"console.js\"></script>").contains("Top offending apps");
        assertThat(http.get("/console.js").body()).contains("api/apps");
        assertThat(http.get("/console.css").statusCode()).isEqualTo(200);
        assertThat(http.get("/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(http.get("/console/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRejectMethodsOtherThanGet() throws Exception {
        start(Map.of());
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/apps"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void shouldSumTheContractCountersInTheSummary() throws IOException {
        final io.authwatch.metrics.AuthwatchMetrics metrics = new io.authwatch.metrics.AuthwatchMetrics(registry);
        metrics.event("PageView");
        metrics.event("PageView");
        metrics.violation("FIRST_SCREEN_PROMPT", "HIGH", "CONFIRMED");
        metrics.enforcementAction("WARNING");
        metrics.dlqRecord();
        final HttpProbe http = start(Map.of());

        final JsonNode summary = HttpProbe.json(http.get("/api/summary"));

        assertThat(summary.get("instances").asInt()).isEqualTo(1);
        assertThat(summary.get("eventsByType").get("PageView").asDouble()).isEqualTo(2.0);
        assertThat(summary.get("eventsByType").get("AppLaunch").asDouble()).isZero();
        assertThat(summary.get("violationsByRule").get("FIRST_SCREEN_PROMPT").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("violationsBySeverity").get("HIGH").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("actionsByTier").get("WARNING").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("actionsByTier").get("SUSPEND_PHONE_AUTH").asDouble()).isZero();
        assertThat(summary.get("dlqRecords").asDouble()).isEqualTo(1.0);
    }
}
