package io.authwatch.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.embedded.SessionScript;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorFixture;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping and restarting the monitor in the middle of the input loses and repeats nothing. */
class RestartEndToEndIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private static List<SessionScript> batch(String prefix, int users) {
        final List<SessionScript> sessions = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            sessions.add(Sessions.firstScreenPrompt("wxrestart" + prefix, "user-" + i));
            sessions.add(Sessions.forcedToBrowse("wxrestartb" + prefix, "user-" + i));
        }
        return sessions;
    }

    private static Set<String> promptIds(List<SessionScript> sessions) {
        return sessions.stream().flatMap(s -> s.events().stream())
                .filter(e -> e.getPayload() instanceof io.authwatch.telemetry.PhoneAuthPrompt)
                .map(e -> e.getEventId()).collect(Collectors.toSet());
    }

    @Test
    void shouldPublishEveryViolationExactlyOnceAcrossARestart() throws Exception {
        try (MonitorFixture monitor = new MonitorFixture(KAFKA.bootstrapServers(), REGISTRY.url(), Map.of()).start();
             TopicReader<Violation> violations = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.violations"),
                     Topics.from(monitor.config()).violations().valueSerde().deserializer())) {
            // Given a first batch of violating sessions, and the monitor stopped while it works through them
            final List<SessionScript> before = batch("a", 40);
            monitor.send(before.toArray(SessionScript[]::new));
            await().atMost(Duration.ofSeconds(60)).until(() -> !violations.values().isEmpty());
            monitor.stop();
            // When a second batch arrives while it is down, and it starts again on the same state
            final List<SessionScript> after = batch("b", 20);
            monitor.send(after.toArray(SessionScript[]::new));
            monitor.start();

            // Then every prompt of both batches is flagged exactly once
            final Set<String> expected = new java.util.HashSet<>(promptIds(before));
            expected.addAll(promptIds(after));
            await().atMost(Duration.ofSeconds(90)).until(() -> violations.values().size() >= expected.size());
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                    .until(() -> violations.values().size() == expected.size());
            final List<Violation> all = violations.values();
            assertThat(all.stream().map(Violation::getViolationId).distinct().count()).isEqualTo(expected.size());
            assertThat(all.stream().map(Violation::getPromptEventId).collect(Collectors.toSet())).isEqualTo(expected);
        }
    }
}
