package io.authwatch.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorFixture;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each platform rule end to end: telemetry in the Confluent wire format on the real broker, through
 * the running monitor, to the violations topic read with read_committed.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class RulesEndToEndIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private static MonitorFixture monitor;
    private static TopicReader<Violation> violations;

    @BeforeAll
    static void startMonitor() throws Exception {
        monitor = new MonitorFixture(KAFKA.bootstrapServers(), REGISTRY.url(), Map.of()).withPlatformPolicy().start();
        violations = new TopicReader<>(KAFKA.bootstrapServers(), monitor.config().string("topic.violations"),
                Topics.from(monitor.config()).violations().valueSerde().deserializer());
    }

    @AfterAll
    static void stopMonitor() {
        violations.close();
        monitor.close();
    }

    private static String newApp() {
        return "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Waits for the app's violations, then checks no further one comes for it. */
    private static List<Violation> violationsOf(String app, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> of(app).size() >= expected);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> of(app).size() == expected);
        return of(app);
    }

    private static List<Violation> of(String app) {
        return violations.values().stream().filter(v -> v.getAppId().equals(app)).toList();
    }

    @Test
    void shouldFlagAPromptOnTheFirstScreen() throws Exception {
        // Given an app that asks for the phone number as soon as the home page shows
        final String app = newApp();

        // When a user's session arrives
        monitor.send(Sessions.firstScreenPrompt(app, "alice"));

        // Then one FIRST_SCREEN_PROMPT violation (1.1) is published for the app, with a userRef, never the userId
        final Violation v = violationsOf(app, 1).get(0);
        assertThat(v.getRule()).isEqualTo(RuleId.FIRST_SCREEN_PROMPT);
        assertThat(v.getRuleCase()).isEqualTo("1.1");
        assertThat(v.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(v.getConfidence()).isEqualTo(Confidence.CONFIRMED);
        assertThat(v.getPath()).isEqualTo(Sessions.HOME);
        assertThat(v.getUserRef()).hasSize(32).doesNotContain("alice");
        assertThat(v.getPolicyVersion()).isEqualTo(1L);
        assertThat(v.getEvidence()).isNotEmpty();
    }

    @Test
    void shouldFlagAnEntryPageGatedBehindThePrompt() throws Exception {
        final String app = newApp();

        monitor.send(Sessions.contentGatedEntry(app, "bob"));

        final Violation v = violationsOf(app, 1).get(0);
        assertThat(v.getRule()).isEqualTo(RuleId.CONTENT_GATED_ENTRY);
        assertThat(v.getRuleCase()).isEqualTo("1.2");
        assertThat(v.getSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void shouldFlagBrowsingForcedBehindThePrompt() throws Exception {
        final String app = newApp();

        monitor.send(Sessions.forcedToBrowse(app, "carol"));

        final Violation v = violationsOf(app, 1).get(0);
        assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
        assertThat(v.getRuleCase()).isEqualTo("2");
        assertThat(v.getCategory().name()).isEqualTo("BROWSE");
    }

    @Test
    void shouldFlagInStoreOrderingForcedBehindThePrompt() throws Exception {
        final String app = newApp();

        monitor.send(Sessions.forcedInStore(app, "dave"));

        final Violation v = violationsOf(app, 1).get(0);
        assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SCENE_PROMPT);
        assertThat(v.getRuleCase()).isEqualTo("3");
        assertThat(v.getSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void shouldFlagAskingAgainAfterARefusal() throws Exception {
        final String app = newApp();

        monitor.send(Sessions.refusedOnce(app, "erin"), Sessions.repromptedOnReopen(app, "erin"));

        final Violation v = violationsOf(app, 1).get(0);
        assertThat(v.getRule()).isEqualTo(RuleId.REPROMPT_AFTER_DENIAL);
        assertThat(v.getRuleCase()).isEqualTo("4");
    }

    @Test
    void shouldFlagNothingInACompliantSession() throws Exception {
        // Given a compliant visit followed by a violating one of the same user (same key: read in order)
        final String app = newApp();
        final var compliant = Sessions.compliant(app, "frank");
        final var violating = Sessions.firstScreenPrompt(app, "frank");

        monitor.send(compliant, violating);

        // Then only the second visit's prompt is flagged
        final Violation v = violationsOf(app, 1).get(0);
        assertThat(v.getSessionId()).isEqualTo(violating.events().get(0).getSessionId());
    }
}
