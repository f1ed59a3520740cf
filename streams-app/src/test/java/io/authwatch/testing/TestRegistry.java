package io.authwatch.testing;

import io.authwatch.registry.dev.DevRegistryServer;
import io.authwatch.registry.dev.KafkaSchemaStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema registry for {@code *IT} tests, spoken to over HTTP with the Confluent REST API: the dev
 * registry, keeping its schemas on the test's broker.
 * Register after {@link KafkaBroker} (its store is a Kafka topic):
 * {@code @RegisterExtension @Order(2) static final TestRegistry REGISTRY = new TestRegistry(KAFKA);}
 */
public final class TestRegistry implements BeforeAllCallback, AfterAllCallback {

    private final KafkaBroker kafka;
    private DevRegistryServer server;

    public TestRegistry(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = DevRegistryServer.start("127.0.0.1", 0, KafkaSchemaStore.open(kafka.bootstrapServers()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The registry's {@code http://} URL, for {@code schema.registry.url}. */
    public String url() {
        if (server == null) {
            throw new IllegalStateException("the registry is not started: register TestRegistry as a static"
                    + " @RegisterExtension after KafkaBroker");
        }
        return server.url();
    }
}
