package io.authwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.console.ConsolePage;
import io.authwatch.deploy.PromQlExpressions;
import io.authwatch.deploy.PrometheusServer;
import io.authwatch.testing.TempDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/**
 * What ops see of a running demo ({@code java -jar target/authwatch.jar demo} as a child process):
 * a real Prometheus scraping it answers every expression of the dashboard and the alert rules, the
 * console shows the top apps and a clicked app's evidence timeline in a real browser, and no metric
 * exposes an app or a user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoOpsIT {

    private static final Path WORK = Path.of("target", "demo-ops-it");
    private final ObjectMapper mapper = new ObjectMapper();
    private DemoProcess demo;

    @BeforeAll
    void startDemo() throws IOException {
        // a fresh data dir: the demo resumes on an old one, whose records may carry another run's schema ids
        TempDirs.deleteRecursively(WORK);
        demo = DemoProcess.start(WORK);
    }

    @AfterAll
    void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void shouldAnswerEveryDashboardAndAlertExpressionFromARealPrometheus() throws IOException {
        final Map<String, String> expressions = PromQlExpressions.all();
        try (PrometheusServer prometheus = PrometheusServer.start(WORK.resolve("prometheus"),
                List.of("127.0.0.1:" + demo.httpPort()))) {
            // the Kafka binder refreshes every 15 s and rates need two scrapes: allow a few minutes
            final Map<String, String> empty = new TreeMap<>();
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                    .failFast("prometheus exited, see " + WORK.resolve("prometheus/prometheus.log"),
                            () -> !prometheus.alive())
                    .alias("expressions without data: " + empty)
                    .until(() -> {
                        empty.clear();
                        expressions.forEach((title, expr) -> {
                            if (prometheus.query(expr).isEmpty()) {
                                empty.put(title, expr);
                            }
                        });
                        return empty.isEmpty();
                    });
            assertThat(prometheus.query("up{job=\"authwatch\"} == 1")).hasSize(1);
            // and every alert rule evaluates without error
            final long alerts = expressions.keySet().stream().filter(k -> k.startsWith("alert ")).count();
            await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.ruleHealth().size() == alerts
                    && prometheus.ruleHealth().values().stream().allMatch("ok"::equals));
        }
    }

    @Test
    void shouldShowTheTopAppsAndAClickedAppsTimelineInTheConsole() throws IOException {
        // Given the demo has found violations of some app in the current window
        final String[] worst = new String[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            final JsonNode top = mapper.readTree(demo.get("/api/apps?limit=1"));
            if (top.isEmpty() || top.get(0).get("window").get("affectedUsers").asLong() == 0) {
                return false;
            }
            worst[0] = top.get(0).get("appId").asText();
            return !mapper.readTree(demo.get("/api/apps/" + worst[0])).get("recentViolations").isEmpty();
        });

        try (ConsolePage page = ConsolePage.open(demo.baseUrl() + "/")) {
            // When ops open the console, then the table fills with the demo's apps, the worst on top
            // (the demo is live: wait for a moment when the table and the API agree on the worst app)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                final List<String> apps = page.topApps(Duration.ofSeconds(30));
                worst[0] = mapper.readTree(demo.get("/api/apps?limit=1")).get(0).get("appId").asText();
                return !apps.isEmpty() && apps.get(0).equals(worst[0]);
            });
            final String first = page.topApps(Duration.ofSeconds(30)).get(0);
            // When they click the app on top, then its drill-down shows each violation's evidence as a timeline
            final WebElement drill = page.openApp(first);
            await().atMost(Duration.ofSeconds(10)).until(() -> !page.timelines().isEmpty());
            assertThat(drill.getText()).contains("active users").contains("Recent violations");
            final List<WebElement> timeline = page.timelines().get(0);
            assertThat(timeline).isNotEmpty();
            assertThat(timeline).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("App asked"));
            page.screenshot(Path.of("target", "console", "console-demo.png"));
        }
    }

    @Test
    void shouldKeepAppsUsersAndSessionsOutOfTheMetrics() throws IOException {
        // Given the demo has seen apps and found violations
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> !mapper.readTree(demo.get("/api/violations?limit=1")).get("violations").isEmpty());
        final Set<String> identities = new HashSet<>();
        mapper.readTree(demo.get("/api/apps?limit=1000")).forEach(a -> identities.add(a.get("appId").asText()));
        for (final JsonNode v : mapper.readTree(demo.get("/api/violations?limit=200")).get("violations")) {
            identities.add(v.get("appId").asText());
            identities.add(v.get("userRef").asText());
            identities.add(v.get("sessionId").asText());
        }
        assertThat(identities).hasSizeGreaterThan(3);

        // When Prometheus would scrape
        final String metrics = demo.get("/metrics");

        // Then no app, user or session appears anywhere, and no label is named after one
        assertThat(identities).allSatisfy(id -> assertThat(metrics).doesNotContain(id));
        final Matcher labels = Pattern.compile("[{,]([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(metrics);
        final Set<String> labelNames = new HashSet<>();
        while (labels.find()) {
            labelNames.add(labels.group(1));
        }
        assertThat(labelNames).isNotEmpty()
                .noneMatch(l -> l.toLowerCase().matches(".*(app_?id|user|session|phone).*"));
    }
}
