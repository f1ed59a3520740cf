package io.authwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** The open endpoints: liveness, readiness and the Prometheus scrape. */
final class HealthHandlers {

    /** Prometheus text exposition format 0.0.4, which every Prometheus version scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private HealthHandlers() {
    }

    /** {@code /healthz}: 200 while the process serves HTTP at all. */
    static HttpHandler liveness(ObjectMapper mapper) {
        return exchange -> {
            if (!Exchanges.rejectNonGet(exchange, mapper)) {
                Exchanges.sendJson(exchange, mapper, 200, Map.of("status", "UP"));
            }
        };
    }

    /** {@code /readyz}: 200 only while the streams client is RUNNING, else 503 naming its state. */
    static HttpHandler readiness(InstanceDirectory directory, ObjectMapper mapper) {
        return exchange -> {
            if (Exchanges.rejectNonGet(exchange, mapper)) {
                return;
            }
            final KafkaStreams.State state = directory.state();
            final boolean ready = state == KafkaStreams.State.RUNNING;
            Exchanges.sendJson(exchange, mapper, ready ? 200 : 503,
                    Map.of("status", ready ? "READY" : "NOT_READY", "streamsState", String.valueOf(state)));
        };
    }

    /** {@code /metrics}: everything in the registry, in Prometheus text format. */
    static HttpHandler metrics(PrometheusMeterRegistry registry, ObjectMapper mapper) {
        return exchange -> {
            if (!Exchanges.rejectNonGet(exchange, mapper)) {
                Exchanges.send(exchange, 200, PROMETHEUS_TEXT,
                        registry.scrape(PROMETHEUS_TEXT).getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
