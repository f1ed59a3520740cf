package io.authwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.metrics.MonitorMeters;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Prometheus scrapes at /metrics: the contract's names and types, and never an app or a user. */
class MetricsEndpointTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final MonitorMeters meters = MonitorMeters.create();
    private OpsHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        meters.close();
    }

    private String scrape() throws Exception {
        if (server == null) {
            server = OpsHttpServer.start(AuthwatchConfig.of(Map.of("http.port", "0", "http.bind", "127.0.0.1")),
                    new StaticDirectory(), meters.registry(), new InMemoryOpsQueries(), java.time.Clock.systemUTC());
        }
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    @Test
    void shouldExportTheContractMetricsUnderTheirContractNames() throws Exception {
        // Given some of everything recorded
        final AuthwatchMetrics m = meters.authwatch();
        m.event("PhoneAuthPrompt");
        m.violation("FIRST_SCREEN_PROMPT", "HIGH", "CONFIRMED");
        m.enforcementAction("WARNING");
        m.detectionLatency(Duration.ofMillis(30));
        m.detectionLatency(Duration.ofSeconds(42));
        m.duplicateEvent();
        m.sequenceGap();
        m.lateEvent();
        m.dlqRecord();

        // When Prometheus scrapes
        final String text = scrape();

        // Then every contract name is there, with the contract's labels and types
        assertThat(text).contains("# TYPE authwatch_events_total counter")
                .containsPattern("(?m)^authwatch_events_total\\{type=\"PhoneAuthPrompt\"} 1\\.0$")
                .containsPattern("(?m)^authwatch_violations_total\\{confidence=\"CONFIRMED\",rule=\"FIRST_SCREEN_PROMPT\","
                        + "severity=\"HIGH\"} 1\\.0$")
                .containsPattern("(?m)^authwatch_enforcement_actions_total\\{action=\"WARNING\"} 1\\.0$")
                .containsPattern("(?m)^authwatch_duplicate_events_total 1\\.0$")
                .containsPattern("(?m)^authwatch_sequence_gaps_total 1\\.0$")
                .containsPattern("(?m)^authwatch_late_events_total 1\\.0$")
                .containsPattern("(?m)^authwatch_dlq_records_total 1\\.0$")
                .contains("# TYPE authwatch_detection_latency_seconds histogram")
                .containsPattern("(?m)^authwatch_detection_latency_seconds_bucket\\{le=\"0\\.05\"} 1$")
                .containsPattern("(?m)^authwatch_detection_latency_seconds_bucket\\{le=\"45\\.0\"} 2$")
                .containsPattern("(?m)^authwatch_detection_latency_seconds_bucket\\{le=\"\\+Inf\"} 2$")
                .containsPattern("(?m)^authwatch_detection_latency_seconds_count 2$")
                .containsPattern("(?m)^authwatch_detection_latency_seconds_sum 42\\.03$");
    }

    @Test
    void shouldHaveEverySeriesBeforeTheFirstEvent() throws Exception {
        // Given nothing recorded yet
        final String text = scrape();

        // Then the label-less counters, the payload types and the tiers are there at zero
        for (final String name : List.of("authwatch_duplicate_events_total", "authwatch_sequence_gaps_total",
                "authwatch_late_events_total", "authwatch_dlq_records_total", "authwatch_detection_latency_seconds_count")) {
            assertThat(text).containsPattern("(?m)^" + name + " 0(\\.0)?$");
        }
        AuthwatchMetrics.EVENT_TYPES.forEach(type ->
                assertThat(text).contains("authwatch_events_total{type=\"" + type + "\"} 0.0"));
        AuthwatchMetrics.ACTIONS.forEach(action ->
                assertThat(text).contains("authwatch_enforcement_actions_total{action=\"" + action + "\"} 0.0"));
        assertThat(AuthwatchMetrics.ACTIONS).containsExactly("WARNING", "RESTRICT_PHONE_AUTH", "SUSPEND_PHONE_AUTH",
                "UNKNOWN");
        // And every rule × severity × confidence the contract's enums allow (6 × 4 × 3)
        assertThat(violationSeriesAtZero(text)).hasSize(72);
        // And the JVM binders are exported
        assertThat(text).contains("jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "process_uptime_seconds");
    }

    @Test
    void shouldHaveEveryViolationSeriesInAProcessWithoutKafkaStreams() {
        // Given only the contract's metrics on a Prometheus registry: no streams client, no binder
        final PrometheusMeterRegistry bare = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AuthwatchMetrics(bare);

        // When it is scraped
        final String text = bare.scrape();

        // Then each label combination of each counter is there at zero
        for (final RuleId rule : RuleId.values()) {
            for (final Severity severity : Severity.values()) {
                for (final Confidence confidence : Confidence.values()) {
                    assertThat(text).contains("authwatch_violations_total{confidence=\"" + confidence + "\",rule=\""
                            + rule + "\",severity=\"" + severity + "\"} 0.0");
                }
            }
        }
        for (final EnforcementKind kind : EnforcementKind.values()) {
            assertThat(text).contains("authwatch_enforcement_actions_total{action=\"" + kind + "\"} 0.0");
        }
        // And the event types are the payload branches of TelemetryEvent
        final List<String> branches = TelemetryEvent.getClassSchema().getField("payload").schema().getTypes().stream()
                .map(org.apache.avro.Schema::getName).toList();
        assertThat(AuthwatchMetrics.EVENT_TYPES).containsExactlyElementsOf(branches);
        branches.forEach(type -> assertThat(text).contains("authwatch_events_total{type=\"" + type + "\"} 0.0"));
        assertThat(text).doesNotContain("kafka_stream");
        bare.close();
    }

    private static List<String> violationSeriesAtZero(String text) {
        return text.lines().filter(l -> l.startsWith("authwatch_violations_total{") && l.endsWith("} 0.0")).toList();
    }

    @Test
    void shouldNeverLabelASeriesWithAnAppOrAUser() throws Exception {
        // Given traffic of a named app and user went through every recording method
        final AuthwatchMetrics m = meters.authwatch();
        m.event("AppLaunch");
        m.violation("REPROMPT_AFTER_DENIAL", "MEDIUM", "NEEDS_REVIEW");
        m.enforcementAction("SUSPEND_PHONE_AUTH");

        // When Prometheus scrapes
        final Map<String, Set<String>> labelsByName = labels(scrape());

        // Then no label names an app or a user, and the contract metrics carry exactly their labels
        labelsByName.forEach((name, labels) -> assertThat(labels).as(name)
                .noneMatch(l -> l.toLowerCase().matches(".*(app_?id|user|userref|session|phone).*")));
        assertThat(labelsByName.get("authwatch_events_total")).containsExactly("type");
        assertThat(labelsByName.get("authwatch_violations_total"))
                .containsExactlyInAnyOrder("rule", "severity", "confidence");
        assertThat(labelsByName.get("authwatch_enforcement_actions_total")).containsExactly("action");
        assertThat(labelsByName.get("authwatch_detection_latency_seconds_bucket")).containsExactly("le");
    }

    /** Label names per sample name, from the text exposition. */
    static Map<String, Set<String>> labels(String text) {
        return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(SAMPLE::matcher)
                .filter(Matcher::matches)
                .collect(Collectors.groupingBy(s -> s.group(1), Collectors.flatMapping(s -> {
                    final Matcher lm = LABEL.matcher(s.group(3) == null ? "" : s.group(3));
                    final java.util.List<String> names = new java.util.ArrayList<>();
                    while (lm.find()) {
                        names.add(lm.group(1));
                    }
                    return names.stream();
                }, Collectors.toSet())));
    }
}
