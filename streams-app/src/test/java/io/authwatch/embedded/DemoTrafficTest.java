package io.authwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.policy.PolicyFile;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's traffic, through the real detection topology: every rule shows, compliant apps never. */
class DemoTrafficTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldShowEveryPlatformCaseAndFlagNoCompliantApp() {
        // Given the platform policy and a few hundred simulated visits
        final DemoTraffic traffic = new DemoTraffic(7);
        final Set<String> compliantApps = traffic.apps().stream()
                .filter(a -> a.behaviour() == DemoTraffic.Behaviour.COMPLIANT)
                .map(DemoTraffic.App::appId).collect(Collectors.toSet());
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            driver.policy(PolicyFile.read(Path.of("../deploy/policies/platform-default.json")));

            // When they are detected
            for (int i = 0; i < 400; i++) {
                for (SessionScript session : traffic.next(driver.wallClock())) {
                    driver.pipe(session.events());
                }
                driver.advanceWallClock(Duration.ofMillis(125)); // the demo's default rate: 8 visits a second
            }
            driver.advanceWallClock(Duration.ofMinutes(2));
            final List<Violation> violations = driver.violations();

            // Then all five rules are flagged, and only in the apps meant to violate
            assertThat(violations.stream().map(Violation::getRule).collect(Collectors.toSet()))
                    .isEqualTo(EnumSet.of(RuleId.FIRST_SCREEN_PROMPT, RuleId.CONTENT_GATED_ENTRY,
                            RuleId.NON_ESSENTIAL_SECTION_PROMPT, RuleId.NON_ESSENTIAL_SCENE_PROMPT,
                            RuleId.REPROMPT_AFTER_DENIAL));
            assertThat(violations).noneMatch(v -> compliantApps.contains(v.getAppId()));
            assertThat(compliantApps).hasSizeGreaterThan(traffic.apps().size() / 2);
        }
    }
}
