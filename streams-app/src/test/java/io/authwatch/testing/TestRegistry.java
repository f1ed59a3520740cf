package io.authwatch.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema registry for {@code *IT} tests, spoken to over HTTP with the Confluent REST API.
 * Register after {@link KafkaBroker} (its store is a Kafka topic):
 * {@code @RegisterExtension @Order(2) static final TestRegistry REGISTRY = new TestRegistry(KAFKA);}
 */
public final class TestRegistry implements BeforeAllCallback, AfterAllCallback {

    private final KafkaBroker kafka;
    private String url;

    public TestRegistry(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // TODO(registry): start registry.dev.DevRegistryServer on kafka.bootstrapServers() once merged and
        // use its http:// URL; the in-process scope only stands in until then.
        url = "mock://it-" + context.getRequiredTestClass().getSimpleName();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // the dev registry server is closed here once it is used
    }

    public String url() {
        return url;
    }
}
