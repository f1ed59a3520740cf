package io.authwatch.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorFixture;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Violations of enough users in one day become a graded enforcement action. */
class EnforcementEndToEndIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    @Test
    void shouldWarnAnAppOnceFiveUsersAreAffected() throws Exception {
        try (MonitorFixture monitor = new MonitorFixture(KAFKA.bootstrapServers(), REGISTRY.url(), Map.of())
                .withPlatformPolicy().start();
             TopicReader<EnforcementAction> actions = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.enforcement"),
                     Topics.from(monitor.config()).enforcement().valueSerde().deserializer())) {
            // Given an app that prompts on the first screen, visited by six users, and a compliant one
            final String app = "wxenforcewarning";
            for (int i = 0; i < 6; i++) {
                monitor.send(Sessions.firstScreenPrompt(app, "user-" + i));
            }
            for (int i = 0; i < 6; i++) {
                monitor.send(Sessions.compliant("wxenforcecompliant", "user-" + i));
            }

            // Then exactly one WARNING is issued for that app (five users cross the threshold), none for the other
            await().atMost(Duration.ofSeconds(60)).until(() -> !warningsOf(actions, app).isEmpty());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> warningsOf(actions, app).size() == 1);
            final EnforcementAction warning = warningsOf(actions, app).get(0);
            assertThat(warning.getAffectedUsers()).isEqualTo(5L);
            assertThat(warning.getActiveUsers()).isGreaterThanOrEqualTo(5L);
            assertThat(warning.getViolationsByRule()).containsKey("FIRST_SCREEN_PROMPT");
            assertThat(warning.getSampleViolationIds()).isNotEmpty();
            assertThat(warning.getExpiresAt()).isEqualTo(warning.getEffectiveFrom().plus(Duration.ofDays(7)));
            assertThat(actions.values()).noneMatch(a -> a.getAppId().equals("wxenforcecompliant"));
        }
    }

    private static List<EnforcementAction> warningsOf(TopicReader<EnforcementAction> actions, String app) {
        return actions.values().stream()
                .filter(a -> a.getAppId().equals(app) && a.getAction() == EnforcementKind.WARNING).toList();
    }
}
