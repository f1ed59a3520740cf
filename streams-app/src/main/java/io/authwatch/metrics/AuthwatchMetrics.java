package io.authwatch.metrics;

import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The contract's metrics (CONTRACT.md section 9). Labels carry only bounded enums: never an appId or
 * a userId. Processors get this object from the topology builder; {@link #noop()} serves tests that
 * do not look at metrics.
 *
 * <p>Counter names are given without {@code _total}: the Prometheus registry appends it, so
 * {@code authwatch_events} is scraped as {@code authwatch_events_total}; the latency timer is scraped
 * in seconds as the histogram {@code authwatch_detection_latency_seconds}. Every counter is
 * registered at zero up front, for every label value the contract's enums allow (each payload type;
 * each rule × severity × confidence; each enforcement kind), so that dashboards and alerts see a
 * series (and {@code rate()} a zero) before the first event. That happens here, in the constructor,
 * not in a Kafka Streams binder: any process that records the contract's metrics has them all.
 */
public final class AuthwatchMetrics {

    /** The telemetry payload types, as {@link #event(String)} is called with them. */
    public static final List<String> EVENT_TYPES = List.of("AppLaunch", "PageView", "UserInteraction",
            "PhoneAuthPrompt", "PhoneAuthResult", "OrderContext");

    /** The values of EnforcementKind, as {@link #enforcementAction(String)} is called with them. */
    public static final List<String> ACTIONS = names(EnforcementKind.values());

    /** The values of RuleId, Severity and Confidence: the labels of {@link #violation(String, String, String)}. */
    public static final List<String> RULES = names(RuleId.values());
    public static final List<String> SEVERITIES = names(Severity.values());
    public static final List<String> CONFIDENCES = names(Confidence.values());

    /**
     * Bucket bounds (seconds) of the detection latency. Decisions arrive either right after the
     * deciding event (milliseconds) or after the forced-window and session-quiet waits (tens of
     * seconds), so the buckets span both, dense enough around each for a readable p50 and p99.
     */
    static final Duration[] LATENCY_BUCKETS = Arrays.stream(new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10, 20, 30, 45, 60, 90, 120, 300})
            .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Timer detectionLatency;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter late;
    private final Counter dlq;

    public AuthwatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        // A Timer, not a DistributionSummary: summaries bucket whole numbers only, which would put every
        // sub-second latency into the 1 s bucket. Prometheus exports timers in seconds, with the suffix.
        this.detectionLatency = Timer.builder("authwatch_detection_latency")
                .description("From the deciding event's append to the violation's send")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.duplicates = counter("authwatch_duplicate_events", "Telemetry events seen again and evaluated once");
        this.gaps = counter("authwatch_sequence_gaps", "Session sequence gaps waited for and then skipped");
        this.late = counter("authwatch_late_events", "Events arriving after their enforcement window closed");
        this.dlq = counter("authwatch_dlq_records", "Records routed to the dead-letter topic");
        EVENT_TYPES.forEach(type -> eventCounter(type));
        ACTIONS.forEach(action -> actionCounter(action));
        RULES.forEach(rule -> SEVERITIES.forEach(severity -> CONFIDENCES.forEach(confidence ->
                violationCounter(rule, severity, confidence))));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
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
        eventCounter(type).increment();
    }

    public void violation(String rule, String severity, String confidence) {
        violationCounter(rule, severity, confidence).increment();
    }

    public void enforcementAction(String action) {
        actionCounter(action).increment();
    }

    public void detectionLatency(Duration latency) {
        detectionLatency.record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void duplicateEvent() {
        duplicates.increment();
    }

    public void sequenceGap() {
        gaps.increment();
    }

    public void lateEvent() {
        late.increment();
    }

    public void dlqRecord() {
        dlq.increment();
    }

    private Counter eventCounter(String type) {
        return Counter.builder("authwatch_events").description("Telemetry events read, by payload type")
                .tag("type", type).register(registry);
    }

    private Counter violationCounter(String rule, String severity, String confidence) {
        return Counter.builder("authwatch_violations").description("Violations emitted")
                .tag("rule", rule).tag("severity", severity).tag("confidence", confidence)
                .register(registry);
    }

    private Counter actionCounter(String action) {
        return Counter.builder("authwatch_enforcement_actions").description("Enforcement actions emitted, by tier")
                .tag("action", action).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }
}
