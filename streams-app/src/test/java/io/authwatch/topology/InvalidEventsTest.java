package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.rules.InvalidEventException;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that cannot be evaluated fail in the detect processor before touching state, for the DLQ. */
class InvalidEventsTest {

    private static final String HOME = "pages/index/index";

    @TempDir
    Path stateDir;

    private static Properties withDlq() {
        final Properties props = new Properties();
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "authwatch.dlq.v1");
        return props;
    }

    @Test
    void shouldFailOnAKeyThatDoesNotMatchTheValue() {
        try (DetectionDriver driver = new DetectionDriver(stateDir)) {
            final TelemetryEvent launch = Telemetry.session("app-1", "user-1", "s1").launch(HOME).last();

            assertThatThrownBy(() -> driver.pipe("app-1:someone-else", launch))
                    .isInstanceOf(StreamsException.class)
                    .cause().isInstanceOf(InvalidEventException.class).hasMessageContaining("key");
        }
    }

    @Test
    void shouldRouteInvalidRecordsToTheDlqWithTheReasonAndLeaveNoState() {
        try (DetectionDriver driver = new DetectionDriver(stateDir, Map.of(), withDlq())) {
            // Given a first-screen popup whose prompt arrives once under a wrong key and once as a bad copy
            final Telemetry visit = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME)
                    .prompt("p1", HOME, PAGE_LOAD);
            final TelemetryEvent prompt = visit.event(2);
            final TelemetryEvent negative = TelemetryEvent.newBuilder(prompt).setSeq(-1L).build();
            final TestOutputTopic<byte[], byte[]> dlq = driver.driver().createOutputTopic("authwatch.dlq.v1",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());

            // When
            driver.pipe(List.of(visit.event(0), visit.event(1)));
            driver.pipe("app-1:user-2", prompt);
            driver.pipe("app-1:user-1", negative);

            // Then both are in the DLQ with their original key and a reason, and nothing was evaluated
            final List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
            assertThat(dead).hasSize(2);
            assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("app-1:user-2");
            assertThat(dead.get(0).value()).isNotEmpty();
            assertThat(headers(dead.get(0))).anyMatch(h -> h.contains("key does not match"));
            assertThat(headers(dead.get(1))).anyMatch(h -> h.contains("seq is negative"));
            assertThat(driver.violations()).isEmpty();
            assertThat(driver.userStates().get("app-1:user-2")).isNull();

            // When the real prompt arrives, it is evaluated as if the bad records never came
            driver.pipe(List.of(prompt));

            // Then
            assertThat(driver.violations()).extracting(Violation::getRule, Violation::getPromptEventId)
                    .containsExactly(org.assertj.core.api.Assertions.tuple(RuleId.FIRST_SCREEN_PROMPT, "s1-2"));
            assertThat(driver.counter("authwatch_duplicate_events")).isZero();
        }
    }

    @Test
    void shouldRouteATombstoneToTheDlq() {
        try (DetectionDriver driver = new DetectionDriver(stateDir, Map.of(), withDlq())) {
            final TestInputTopic<String, byte[]> raw = driver.driver().createInputTopic(
                    driver.topics().telemetry().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
            final TestOutputTopic<byte[], byte[]> dlq = driver.driver().createOutputTopic("authwatch.dlq.v1",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());

            raw.pipeInput("app-1:user-1", null);

            assertThat(dlq.readRecordsToList()).singleElement()
                    .satisfies(r -> assertThat(headers(r)).anyMatch(h -> h.contains("value is null")));
        }
    }

    @Test
    void shouldRekeyInputKeyedDifferentlyWhenAskedTo() {
        try (DetectionDriver driver = new DetectionDriver(stateDir, Map.of("input.rekey", "true"), new Properties())) {
            // Given a producer that keys by session
            final Telemetry visit = Telemetry.session("app-1", "user-1", "s1").launch(HOME).page(HOME)
                    .prompt("p1", HOME, PAGE_LOAD);

            // When
            visit.events().forEach(e -> driver.pipe(e.getSessionId(), e));

            // Then the events were evaluated together under appId:userId
            assertThat(driver.violations()).extracting(Violation::getRule).containsExactly(RuleId.FIRST_SCREEN_PROMPT);
            assertThat(driver.userStates().get("app-1:user-1")).isNotNull();
            assertThat(driver.driver().producedTopicNames()).anyMatch(t -> t.endsWith("telemetry-by-user-repartition"));
        }
    }

    private static List<String> headers(TestRecord<byte[], byte[]> record) {
        return java.util.Arrays.stream(record.headers().toArray())
                .map(Header::value).filter(java.util.Objects::nonNull)
                .map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }
}
