package io.authwatch.registry.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaStore store;
    private final String url;

    private DevRegistryServer(HttpServer server, ExecutorService executor, SchemaStore store, String url) {
        this.server = server;
        this.executor = executor;
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
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("dev schema registry cannot listen on " + bind + ":" + port, e);
        }
        final ExecutorService executor = Executors.newFixedThreadPool(4, daemonThreads());
        server.createContext("/", new RegistryHttpHandler(new RegistryRoutes(state, json), json));
        server.setExecutor(executor);
        server.start();
        final String host = bind.contains(":") ? "[" + bind + "]" : bind;
        final String url = "http://" + ("0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : host) + ":"
                + server.getAddress().getPort();
        LOG.info("dev schema registry listening on {} ({} subjects)", url, state.subjects(false).size());
        return new DevRegistryServer(server, executor, store, url);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}, for {@code schema.registry.url}. */
    public String url() {
        return url;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving at once (a dev registry has nothing to drain) and closes the store. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        store.close();
    }

    private static ThreadFactory daemonThreads() {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, "dev-registry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
