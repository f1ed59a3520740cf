package io.authwatch.testing;

import io.authwatch.registry.dev.DevRegistryServer;
import io.authwatch.registry.dev.InMemorySchemaStore;
import io.authwatch.registry.dev.KafkaSchemaStore;
import io.authwatch.registry.dev.SchemaStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema registry for {@code *IT} tests, spoken to over HTTP with the Confluent REST API: the
 * {@link DevRegistryServer} on a free loopback port, one per test class, keeping its schemas on the
 * test's broker (in memory when standalone). Register it after {@link KafkaBroker}:
 * {@code @RegisterExtension @Order(2) static final TestRegistry REGISTRY = new TestRegistry(KAFKA);}
 *
 * <p>{@link #stop()} and {@link #restart()} take it away and bring it back on the same port with the
 * same schema ids, for tests of a registry outage.
 */
public final class TestRegistry implements BeforeAllCallback, AfterAllCallback {

    private static final String HOST = "127.0.0.1";

    private final KafkaBroker kafka;
    private final InMemorySchemaStore standaloneStore = new InMemorySchemaStore();
    private DevRegistryServer server;
    private int port;
    private String url;

    public TestRegistry(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    /** A registry of its own, for tests that run their broker themselves (its store is in memory). */
    public TestRegistry() {
        this(null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = DevRegistryServer.start(HOST, 0, store());
        port = server.port();
        url = server.url();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** The {@code http://} URL, for {@code schema.registry.url}. */
    public String url() {
        return url;
    }

    /** The broker this registry belongs with (null when standalone). */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** Stops serving: clients now get "connection refused" on {@link #url()}. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Serves again on the same port, with every schema id registered before. */
    public synchronized void restart() {
        if (server == null) {
            server = DevRegistryServer.start(HOST, port, store());
        }
    }

    /** A store per start: the Kafka-backed one replays its topic, so ids survive a restart. */
    private SchemaStore store() {
        return kafka == null ? standaloneStore : KafkaSchemaStore.open(kafka.bootstrapServers());
    }
}
