package io.authwatch.registry.dev;

import static io.authwatch.registry.dev.RestCalls.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.testing.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dev registry on a Kafka-backed store, against a real broker (the project's embedded KRaft broker). */
class KafkaSchemaStoreIT {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":[\"null\",\"long\"],\"default\":null}]}";
    private static final String OTHER = "{\"type\":\"enum\",\"name\":\"Colour\",\"symbols\":[\"RED\",\"BLUE\"]}";

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @Test
    void shouldKeepIdsVersionsAndConfigAcrossRestarts() throws Exception {
        // Given a registry on a fresh topic, with two versions of one subject and a config change
        final String topic = "_schemas_restart";
        final int id1;
        final int id2;
        try (DevRegistryServer first = DevRegistryServer.start("127.0.0.1", 0, store(topic))) {
            final RestCalls rest = new RestCalls(first.url());
            id1 = rest.post("/subjects/s-value/versions", schemaBody(V1)).json().get("id").asInt();
            id2 = rest.post("/subjects/s-value/versions", schemaBody(V2)).json().get("id").asInt();
            rest.put("/config/s-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
            rest.delete("/subjects/gone-value");
        }

        // When a new registry starts on the same topic
        try (DevRegistryServer second = DevRegistryServer.start("127.0.0.1", 0, store(topic))) {
            final RestCalls rest = new RestCalls(second.url());

            // Then it replayed everything, and gives new ids after the old ones
            assertThat(rest.get("/subjects/s-value/versions").body()).isEqualTo("[1,2]");
            assertThat(rest.get("/subjects/s-value/versions/latest").json().get("id").asInt()).isEqualTo(id2);
            assertThat(rest.get("/schemas/ids/" + id1).status()).isEqualTo(200);
            assertThat(rest.get("/config/s-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
            assertThat(rest.post("/subjects/t-value/versions", schemaBody(V1)).json().get("id").asInt()).isEqualTo(id1);
            assertThat(rest.post("/subjects/u-value/versions", schemaBody(OTHER)).json().get("id").asInt())
                    .isGreaterThan(id2);
        }

        // And the topic is a compacted single partition, as Confluent's _schemas
        try (Admin admin = admin()) {
            final TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(1);
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void shouldRefuseATopicThatIsNotCompacted() throws Exception {
        // Given an existing topic with the delete policy
        final String topic = "_schemas_not_compacted";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        // When / Then
        assertThatThrownBy(() -> store(topic))
                .isInstanceOf(SchemaStoreException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("cleanup.policy=delete");
    }

    private static KafkaSchemaStore store(String topic) {
        return new KafkaSchemaStore(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                topic, (short) 1);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }
}
