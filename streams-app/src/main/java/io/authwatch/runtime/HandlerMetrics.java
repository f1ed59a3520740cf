package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.Map;

/**
 * Hands the process's {@link AuthwatchMetrics} to the exception handlers and the RocksDB config
 * setter, which Kafka Streams creates by reflection: the object travels in the Streams config
 * under {@link #METRICS_CONFIG} (no static holder, so two instances in one JVM stay apart).
 */
final class HandlerMetrics {

    static final String METRICS_CONFIG = "authwatch.metrics";

    private HandlerMetrics() {
    }

    static AuthwatchMetrics from(Map<String, ?> configs) {
        final Object value = configs.get(METRICS_CONFIG);
        return value instanceof AuthwatchMetrics metrics ? metrics : AuthwatchMetrics.noop();
    }
}
