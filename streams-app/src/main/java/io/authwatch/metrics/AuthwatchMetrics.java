package io.authwatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * The contract's metrics (CONTRACT.md section 9). Labels carry only bounded enums: never an appId or
 * a userId. Processors get this object from the topology builder; {@link #noop()} serves tests that
 * do not look at metrics.
 */
public final class AuthwatchMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary detectionLatency;

    public AuthwatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.detectionLatency = DistributionSummary.builder("authwatch_detection_latency_seconds")
                .description("From the deciding event's append to the violation's send")
                .baseUnit("seconds")
                .serviceLevelObjectives(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
                .register(registry);
    }

    /** Metrics recorded into a private registry nobody reads. */
    public static AuthwatchMetrics noop() {
        return new AuthwatchMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One telemetry event read, by payload type (AppLaunch, PageView, …). */
    public void event(String type) {
        Counter.builder("authwatch_events").tag("type", type).register(registry).increment();
    }

    public void violation(String rule, String severity, String confidence) {
        Counter.builder("authwatch_violations").tag("rule", rule).tag("severity", severity)
                .tag("confidence", confidence).register(registry).increment();
    }

    public void enforcementAction(String action) {
        Counter.builder("authwatch_enforcement_actions").tag("action", action).register(registry).increment();
    }

    public void detectionLatency(Duration latency) {
        detectionLatency.record(Math.max(0, latency.toNanos()) / 1e9);
    }

    public void duplicateEvent() {
        Counter.builder("authwatch_duplicate_events").register(registry).increment();
    }

    public void sequenceGap() {
        Counter.builder("authwatch_sequence_gaps").register(registry).increment();
    }

    public void lateEvent() {
        Counter.builder("authwatch_late_events").register(registry).increment();
    }

    public void dlqRecord() {
        Counter.builder("authwatch_dlq_records").register(registry).increment();
    }
}
