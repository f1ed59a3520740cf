package io.authwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.http.ConsoleFixtures;
import io.authwatch.http.OpsHttpServer;
import io.authwatch.metrics.MonitorMeters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless browser against the real HTTP server, with stores filled by hand:
 * the page loads, the top-apps table fills in the right order, a click opens the drill-down with the
 * evidence timeline, a token-protected API asks for the token. {@code ConsoleDemoE2EIT} does the same
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
            final List<List<WebElement>> timelines = page.timelines();
            assertThat(timelines).hasSize(1);
            assertThat(timelines.get(0)).extracting(WebElement::getText).satisfiesExactly(
                    saw -> assertThat(saw).contains("User opened"),
                    saw -> assertThat(saw).contains("User saw"),
                    asked -> assertThat(asked).contains("App asked").contains("phone-number prompt"),
                    answered -> assertThat(answered).contains("User answered").contains("DENIED"));
            page.screenshot(Path.of("target", "console", "console-page.png"));
        }
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
