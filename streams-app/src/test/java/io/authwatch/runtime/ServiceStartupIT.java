package io.authwatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.testing.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the monitor checks before it starts, against a real broker. */
class ServiceStartupIT {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    /** A config whose five topics are new to the broker. */
    private static AuthwatchConfig freshTopics(Map<String, String> more) {
        final String prefix = "startup-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        final Map<String, String> m = new java.util.HashMap<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(),
                "topic.telemetry", prefix + "telemetry", "topic.policy", prefix + "policy",
                "topic.violations", prefix + "violations", "topic.enforcement", prefix + "enforcement",
                "topic.dlq", prefix + "dlq"));
        m.putAll(more);
        return AuthwatchConfig.of(m).validate();
    }

    @Test
    void shouldNameEveryMissingTopicExactly() {
        // Given none of the five topics exists and topics.create is false
        final AuthwatchConfig config = freshTopics(Map.of("topics.create", "false"));

        // When the topics are checked, Then all five are named
        assertThatThrownBy(() -> new TopicSetup(config).ensure())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("missing topics: ")
                .hasMessageContaining(config.string("topic.telemetry"))
                .hasMessageContaining(config.string("topic.policy"))
                .hasMessageContaining(config.string("topic.violations"))
                .hasMessageContaining(config.string("topic.enforcement"))
                .hasMessageContaining(config.string("topic.dlq"))
                .hasMessageContaining("topics.create=true");
    }

    @Test
    void shouldCreateMissingTopicsWithThePolicyTopicCompacted() throws Exception {
        final AuthwatchConfig config = freshTopics(Map.of("topics.create", "true", "topics.partitions", "2"));

        final List<String> created = new TopicSetup(config).ensure();

        assertThat(created).hasSize(5);
        try (Admin admin = Admin.create(TopicSetup.adminProperties(config))) {
            final Map<String, TopicDescription> topics = admin.describeTopics(Set.copyOf(created)).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
            final ConfigResource policy = new ConfigResource(ConfigResource.Type.TOPIC, config.string("topic.policy"));
            final Config policyConfig = admin.describeConfigs(Set.of(policy)).all().get().get(policy);
            assertThat(policyConfig.get("cleanup.policy").value()).isEqualTo("compact");
        }
        // and a second check finds nothing to do
        assertThat(new TopicSetup(config).ensure()).isEmpty();
    }

    @Test
    void shouldFailFastWhenTheRegistryIsUnreachable() {
        final AuthwatchConfig config = freshTopics(Map.of("topics.create", "true",
                "schema.registry.url", "http://127.0.0.1:1"));

        final long start = System.nanoTime();
        assertThatThrownBy(() -> AuthwatchService.start(config, io.authwatch.metrics.AuthwatchMetrics.noop()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("http://127.0.0.1:1");
        assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(30);
    }
}
