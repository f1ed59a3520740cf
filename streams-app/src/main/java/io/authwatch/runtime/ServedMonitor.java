package io.authwatch.runtime;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.http.OpsHttpServer;
import io.authwatch.metrics.MonitorMeters;
import java.io.IOException;

/**
 * The monitor as {@code run} and {@code demo} start it: {@link AuthwatchService} recording into a
 * Prometheus registry with the JVM and Kafka Streams binders, and the HTTP server (health, metrics,
 * query API, console) on {@code http.bind}:{@code http.port}. {@link #close()} stops the HTTP server,
 * then the streams client, then the meters.
 */
public final class ServedMonitor implements AutoCloseable {

    private final MonitorMeters meters;
    private final AuthwatchService service;
    private final OpsHttpServer http;

    private ServedMonitor(MonitorMeters meters, AuthwatchService service, OpsHttpServer http) {
        this.meters = meters;
        this.service = service;
        this.http = http;
    }

    /** Starts the monitor (see {@link AuthwatchService#start}) and its HTTP server. */
    public static ServedMonitor start(AuthwatchConfig config) {
        final MonitorMeters meters = MonitorMeters.create(config);
        final AuthwatchService service;
        try {
            service = AuthwatchService.start(config, meters.authwatch());
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
        meters.bindKafkaStreams(service.streams());
        ReadinessGauge.bind(meters.registry(), service.streams());
        try {
            return new ServedMonitor(meters, service, OpsHttpServer.start(config, service.streams(), meters.registry()));
        } catch (IOException e) {
            service.close();
            meters.close();
            throw new StartupException("the HTTP server cannot listen on " + config.string("http.bind") + ":"
                    + config.string("http.port") + " (" + e.getMessage() + "): set http.port or http.bind", e);
        } catch (RuntimeException e) {
            service.close();
            meters.close();
            throw e;
        }
    }

    public AuthwatchService service() {
        return service;
    }

    public MonitorMeters meters() {
        return meters;
    }

    /** The port the HTTP server listens on. */
    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        service.close();
        meters.close();
    }
}
