package io.authwatch.rules;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.fixtures.Telemetry;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final long NOW = Telemetry.T0.plusSeconds(60).toEpochMilli();

    private static TelemetryEvent valid() {
        return Telemetry.session("app-1", "user-1", "s1").launch("pages/index/index")
                .prompt("p1", "pages/index/index", PromptTrigger.PAGE_LOAD).last();
    }

    private static TelemetryEvent with(Consumer<TelemetryEvent> change) {
        // a fresh event each time, changed in place (a deep copy would need Avro's class trust)
        final TelemetryEvent event = valid();
        change.accept(event);
        return event;
    }

    @Test
    void shouldAcceptAWellFormedEventWithItsKey() {
        assertThatCode(() -> EventValidator.validate("app-1:user-1", valid(), NOW)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectAMissingOrForeignKey() {
        assertThatThrownBy(() -> EventValidator.validate(null, valid(), NOW)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> EventValidator.validate("", valid(), NOW)).hasMessageContaining("key");
        assertThatThrownBy(() -> EventValidator.validate("app-1:user-2", valid(), NOW))
                .hasMessageContaining("key does not match")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("user-2"));
    }

    @Test
    void shouldRejectATombstone() {
        assertThatThrownBy(() -> EventValidator.validate("app-1:user-1", null, NOW)).hasMessageContaining("value");
    }

    @Test
    void shouldRejectMissingIds() {
        assertThatThrownBy(() -> EventValidator.validateValue(with(e -> e.setEventId(" ")), NOW))
                .hasMessageContaining("eventId");
        assertThatThrownBy(() -> EventValidator.validateValue(with(e -> e.setUserId("")), NOW))
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> EventValidator.validateValue(with(e -> e.setSessionId("")), NOW))
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> EventValidator.validateValue(with(e -> e.setAppId("*")), NOW))
                .hasMessageContaining("appId");
    }

    @Test
    void shouldRejectNegativeSeq() {
        assertThatThrownBy(() -> EventValidator.validateValue(with(e -> e.setSeq(-1L)), NOW))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("seq"));
    }

    @Test
    void shouldRejectImpossibleEventTimes() {
        assertThatThrownBy(() -> EventValidator.validateValue(
                with(e -> e.setEventTime(Instant.parse("1999-12-31T23:59:59Z"))), NOW)).hasMessageContaining("eventTime");
        assertThatThrownBy(() -> EventValidator.validateValue(
                with(e -> e.setEventTime(Instant.ofEpochMilli(NOW).plus(Duration.ofHours(25)))), NOW))
                .hasMessageContaining("future");
        assertThatCode(() -> EventValidator.validateValue(
                with(e -> e.setEventTime(Instant.ofEpochMilli(NOW).plus(Duration.ofHours(23)))), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRejectOversizedStrings() {
        assertThatThrownBy(() -> EventValidator.validateValue(with(e -> e.setEventId("e".repeat(1025))), NOW))
                .hasMessageContaining("eventId is longer than 1024 bytes");
        assertThatThrownBy(() -> EventValidator.validateValue(
                with(e -> e.setPayload(new PageView("p/" + "x".repeat(2047), true))), NOW))
                .hasMessageContaining("payload.path");
        // multi-byte characters count in UTF-8 bytes
        assertThatThrownBy(() -> EventValidator.validateValue(with(e -> e.setUserId("用".repeat(400))), NOW))
                .hasMessageContaining("userId");
    }
}
