package io.authwatch.registry.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.http.HttpListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry for development and tests that speaks the part of the Confluent Schema Registry
 * REST API that Confluent's clients and authwatch's use: subjects and versions (register, look up,
 * list, fetch, soft-delete), schemas by id, compatibility checks (Avro's own
 * {@code SchemaCompatibility}) and compatibility config (BACKWARD by default). Avro only, no
 * schema references, no authentication, one instance per store.
 *
 * <p>State lives in memory and every change is first appended to a {@link SchemaStore}:
 * {@link InMemorySchemaStore}, or {@link KafkaSchemaStore} (a compacted topic replayed at start, as
 * Confluent's registry does with {@code _schemas}) so ids survive restarts.
 *
 * <pre>{@code
 * try (DevRegistryServer registry = DevRegistryServer.start("127.0.0.1", 8081, new InMemorySchemaStore())) {
 *     String url = registry.url(); // http://127.0.0.1:8081
 * }
 * }</pre>
 */
public final class DevRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevRegistryServer.class);

    private static final int THREADS = 4;

    private final HttpListener listener;
    private final SchemaStore store;
    private final String url;

    private DevRegistryServer(HttpListener listener, SchemaStore store, String url) {
        this.listener = listener;
        this.store = store;
        this.url = url;
    }

    /**
     * Replays {@code store} and starts serving on {@code bind:port} ({@code port} 0 picks a free
     * one). The server owns {@code store} from then on and closes it in {@link #close()}.
     */
    public static DevRegistryServer start(String bind, int port, SchemaStore store) {
        final ObjectMapper json = new ObjectMapper();
        final RegistryState state = new RegistryState(store);
        final HttpListener listener;
        try {
            listener = HttpListener.start(bind, port,
                    Executors.newFixedThreadPool(THREADS, HttpListener.daemonThreads("dev-registry")),
                    Map.of("/", new RegistryHttpHandler(new RegistryRoutes(state, json), json)));
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("dev schema registry cannot listen on " + bind + ":" + port, e);
        }
        final String host = bind.contains(":") ? "[" + bind + "]" : bind;
        final String url = "http://" + ("0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : host) + ":"
                + listener.port();
        LOG.info("dev schema registry listening on {} ({} subjects)", url, state.subjects(false).size());
        return new DevRegistryServer(listener, store, url);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}, for {@code schema.registry.url}. */
    public String url() {
        return url;
    }

    /** The port the server listens on. */
    public int port() {
        return listener.port();
    }

    /** Stops serving at once (a dev registry has nothing to drain) and closes the store. */
    @Override
    public void close() {
        try {
            listener.close();
        } finally {
            store.close();
        }
    }
}
