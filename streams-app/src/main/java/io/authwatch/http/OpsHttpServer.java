package io.authwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.config.AuthwatchConfig;
import io.authwatch.config.ConfigException;
import io.authwatch.enforcement.EnforcementSettings;
import io.authwatch.enforcement.EnforcementWindows;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's HTTP server (CONTRACT.md section 8) on the JDK's built-in server, bound to
 * {@code http.bind}:{@code http.port}: {@code /healthz}, {@code /readyz}, {@code /metrics}, the
 * query API under {@code /api} (optionally behind the bearer token {@code http.auth.token}) and the
 * ops console at {@code /}. The service starts it once the streams client is constructed and closes
 * it on shutdown; closing it stops the server and its threads.
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    /**
     * Handler threads. Listings wait for peers while peers may wait for this instance, so a small fixed
     * pool could deadlock two instances until the peer timeout: threads are added on demand up to a
     * bound, and past it the server's own dispatcher thread runs the request (back-pressure).
     */
    private static final int CORE_THREADS = 2;
    private static final int MAX_THREADS = 32;

    private final HttpListener listener;

    private OpsHttpServer(HttpListener listener) {
        this.listener = listener;
    }

    /**
     * Starts the server for a live streams client running {@code AuthwatchTopology}, answering from
     * its enforcement stores. {@code application.server}, when set, must be the host:port other
     * instances reach this server at: that is how they forward queries here.
     */
    public static OpsHttpServer start(AuthwatchConfig config, KafkaStreams streams,
            PrometheusMeterRegistry registry) throws IOException {
        return start(config, streams, registry, new EnforcementOpsQueries(streams));
    }

    /** {@link #start(AuthwatchConfig, KafkaStreams, PrometheusMeterRegistry)} over other stores. */
    public static OpsHttpServer start(AuthwatchConfig config, KafkaStreams streams,
            PrometheusMeterRegistry registry, OpsQueries queries) throws IOException {
        return start(config, new StreamsInstanceDirectory(streams, advertised(config)), registry, queries,
                Clock.systemUTC());
    }

    /** Starts the server over any view of the group (tests, embedded use). */
    public static OpsHttpServer start(AuthwatchConfig config, InstanceDirectory directory,
            PrometheusMeterRegistry registry, OpsQueries queries, Clock clock) throws IOException {
        final ObjectMapper mapper = Json.mapper();
        final EnforcementWindows windows = new EnforcementWindows(config.duration("enforce.window"),
                config.zone("enforce.zone"));
        final PeerClient peers = new PeerClient();
        final QueryRouter router = new QueryRouter(queries, directory, peers, windows, clock, registry, mapper);
        final LedgerRouter ledger = new LedgerRouter(queries, directory, peers, EnforcementSettings.from(config),
                clock, mapper);
        final BearerAuth auth = new BearerAuth(config.stringOrNull("http.auth.token"));
        final int port = config.intValue("http.port");
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.port", String.valueOf(port), "must be from 0 to 65535");
        }
        final ExecutorService executor = new ThreadPoolExecutor(CORE_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), HttpListener.daemonThreads("authwatch-http"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        final HttpListener listener = HttpListener.start(config.string("http.bind"), port, executor, Map.of(
                "/healthz", HealthHandlers.liveness(mapper),
                "/readyz", HealthHandlers.readiness(directory, mapper),
                "/metrics", HealthHandlers.metrics(registry, mapper),
                "/api/", new ApiHandler(router, ledger, auth, mapper),
                "/", new ConsoleHandler(mapper)));
        LOG.info("HTTP on {}:{} (API token {})", config.string("http.bind"), listener.port(),
                auth.enabled() ? "required" : "not required");
        return new OpsHttpServer(listener);
    }

    /** The port the server listens on (the real one when {@code http.port} was 0). */
    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }

    /** This instance's {@code application.server}, or null when it runs alone. */
    static HostInfo advertised(AuthwatchConfig config) {
        final String raw = config.stringOrNull("application.server");
        if (raw == null) {
            return null;
        }
        try {
            return HostInfo.buildFromEndpoint(raw);
        } catch (RuntimeException e) {
            throw new ConfigException("application.server", raw, "must be host:port");
        }
    }
}
