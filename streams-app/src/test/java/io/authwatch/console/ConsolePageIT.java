package io.authwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.config.AuthwatchConfig;
import io.authwatch.http.ConsoleFixtures;
import io.authwatch.http.OpsHttpServer;
import io.authwatch.metrics.MonitorMeters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless browser against the real HTTP server, with stores filled by hand:
 * the page loads, the top-apps table fills in the right order, a click opens the app's page with the
 * evidence timelines (filterable by rule), the actions in force are listed with their time left, the
 * history chart draws the API's numbers, every time names its zone, the page fits a 400 px phone, and
 * a token-protected API asks for the token. The screenshots it takes are kept in {@code docs/}. {@code ConsoleDemoE2EIT} does the same
 * against a running demo.
 */
class ConsolePageIT {

    private final MonitorMeters meters = MonitorMeters.create();
    private OpsHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        meters.close();
    }

    @Test
    void shouldShowTopAppsAndOpenAnAppsTimelineOnClick() throws Exception {
        // Given a monitor whose stores hold three apps, the worst with a violation and a warning
        server = ConsoleFixtures.start(AuthwatchConfig.of(Map.of("http.port", "0", "http.bind", "127.0.0.1")),
                meters);
        meters.authwatch().violation("FIRST_SCREEN_PROMPT", "HIGH", "CONFIRMED");

        try (ConsolePage page = ConsolePage.open("http://127.0.0.1:" + server.port() + "/")) {
            // When the console loads, then the table lists the apps by affected users
            assertThat(page.title()).contains("authwatch");
            assertThat(page.topApps(Duration.ofSeconds(20)))
                    .containsExactly(ConsoleFixtures.WORST, ConsoleFixtures.SECOND, ConsoleFixtures.THIRD);
            await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#by-rule").contains("Prompt on the first screen"));

            // When ops click the worst app, then its drill-down shows counts, the warning and the timeline
            final WebElement drill = page.openApp(ConsoleFixtures.WORST);
            assertThat(drill.getText()).contains("230").contains("affected users").contains("Warning");
            await().atMost(Duration.ofSeconds(10)).until(() -> page.timelines().size() == 2);
            // And when they keep only the first-screen prompts, one violation is left, with its timeline
            page.filterByRule("FIRST_SCREEN_PROMPT", 1);
            final List<List<WebElement>> timelines = page.timelines();
            assertThat(timelines).hasSize(1);
            assertThat(timelines.get(0)).extracting(WebElement::getText).satisfiesExactly(
                    saw -> assertThat(saw).contains("User opened"),
                    saw -> assertThat(saw).contains("User saw"),
                    asked -> assertThat(asked).contains("App asked").contains("phone-number prompt"),
                    answered -> assertThat(answered).contains("User answered").contains("DENIED"));
            page.screenshot(Path.of("target", "console", "console-page.png"));
            page.filterByRule("", 2);
        }
    }

    @Test
    void shouldShowTheActionsInForceAndAnAppsHistoryChartDrawnFromTheApi() throws Exception {
        // Given a monitor whose stores hold actions of several windows, one expired, and an app's last days
        server = ConsoleFixtures.start(AuthwatchConfig.of(Map.of("http.port", "0", "http.bind", "127.0.0.1")),
                meters);
        final String base = "http://127.0.0.1:" + server.port();
        final JsonNode inForce = get(base + "/api/actions?active=true");

        try (ConsolePage page = ConsolePage.open(base + "/")) {
            // When the console loads, then the actions in force are listed newest first, with their time left
            final List<List<String>> rows = page.actionsInForce(Duration.ofSeconds(20));
            assertThat(rows).extracting(r -> r.get(0) + " " + r.get(1)).containsExactly(
                    ConsoleFixtures.WORST + " Warning", ConsoleFixtures.WORST + " Restrict",
                    ConsoleFixtures.SECOND + " Suspend");
            assertThat(inForce).hasSize(3);
            for (int i = 0; i < rows.size(); i++) {
                final long msLeft = Instant.parse(inForce.get(i).get("expiresAt").asText()).toEpochMilli()
                        - System.currentTimeMillis();
                final long daysLeft = msLeft / Duration.ofDays(1).toMillis();
                assertThat(rows.get(i).get(2)).matches("(" + daysLeft + "|" + (daysLeft - 1) + ") d \\d+ h left");
                assertThat(rows.get(i).get(3)).contains(inForce.get(i).get("reason").asText());
            }
            assertThat(rows).noneMatch(r -> r.get(0).equals(ConsoleFixtures.THIRD));

            // When ops open the worst app, then its chart draws the history's numbers
            page.openApp(ConsoleFixtures.WORST);
            final JsonNode history = get(base + "/api/apps/" + ConsoleFixtures.WORST + "/history?days=14");
            final List<Map<String, String>> bars = page.historyBars(Duration.ofSeconds(10));
            assertThat(bars).hasSize(history.get("windows").size()).hasSize(4);
            final double yMax = Double.parseDouble(page.chartAttribute("data-y-max"));
            final double plotHeight = Double.parseDouble(page.chartAttribute("data-plot-height"));
            for (final JsonNode w : history.get("windows")) {
                final Map<String, String> bar = bars.stream().filter(b -> b.get("start").equals(w.get("start").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError("no bar for " + w.get("start")));
                assertThat(Long.parseLong(bar.get("affected"))).isEqualTo(w.get("affectedUsers").asLong());
                assertThat(Double.parseDouble(bar.get("rate"))).isEqualTo(w.get("affectedRate").asDouble());
                assertThat(Double.parseDouble(bar.get("height")) / plotHeight * yMax)
                        .isCloseTo(w.get("affectedUsers").asDouble(), org.assertj.core.data.Offset.offset(0.01 * yMax));
            }
            assertThat(yMax).isGreaterThanOrEqualTo(230);
            // And every tier's user threshold is drawn where the API puts it, and each action is marked
            final List<String> drawnThresholds = page.attributes("#history-chart line.threshold.users", "data-users");
            final List<String> apiThresholds = new java.util.ArrayList<>();
            history.get("tiers").forEach(t -> apiThresholds.add(t.get("minUsers").asText()));
            assertThat(drawnThresholds).containsExactlyElementsOf(apiThresholds);
            final List<String> apiActions = new java.util.ArrayList<>();
            history.get("windows").forEach(w -> w.get("actions").forEach(a -> apiActions.add(a.get("effectiveFrom").asText())));
            assertThat(page.attributes("#history-chart .action-mark", "data-effective"))
                    .containsExactlyInAnyOrderElementsOf(apiActions).hasSize(2);

            // And every time on the page names its zone
            assertThat(page.timesShown()).isNotEmpty().allSatisfy(t -> assertThat(t).endsWith(" Asia/Shanghai"));
            page.fullPageScreenshot(Path.of("..", "docs", "console-desktop.png"));
        }
    }

    @Test
    void shouldFitAPhoneScreenWithoutScrollingSideways() throws Exception {
        // Given the console on a 400 px wide phone
        server = ConsoleFixtures.start(AuthwatchConfig.of(Map.of("http.port", "0", "http.bind", "127.0.0.1")),
                meters);
        try (ConsolePage page = ConsolePage.open("http://127.0.0.1:" + server.port() + "/")) {
            page.emulate(400, 860, true);

            // When it has loaded, then nothing is wider than the screen
            page.topApps(Duration.ofSeconds(20));
            page.actionsInForce(Duration.ofSeconds(20));
            long[] widths = page.widths();
            assertThat(widths[2]).isEqualTo(400);
            assertThat(widths[0]).as("scroll width vs viewport").isLessThanOrEqualTo(widths[1]);

            // And neither with an app's page open, its chart and timelines included
            page.openApp(ConsoleFixtures.WORST);
            page.historyBars(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> page.timelines().size() == 2);
            widths = page.widths();
            assertThat(widths[0]).as("scroll width vs viewport").isLessThanOrEqualTo(widths[1]);
            page.fullPageScreenshot(Path.of("..", "docs", "console-phone.png"));
        }
    }

    private static JsonNode get(String url) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void shouldAskForTheTokenWhenTheApiNeedsOne() throws Exception {
        server = ConsoleFixtures.start(AuthwatchConfig.of(Map.of("http.port", "0", "http.bind", "127.0.0.1",
                "http.auth.token", "console-token")), meters);

        try (ConsolePage page = ConsolePage.open("http://127.0.0.1:" + server.port() + "/")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> page.isVisible("token-panel"));
            page.enterToken("console-token");
            assertThat(page.topApps(Duration.ofSeconds(20))).contains(ConsoleFixtures.WORST);
            assertThat(page.isVisible("token-panel")).isFalse();
        }
    }
}
