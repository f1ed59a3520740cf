package io.authwatch.rules;

import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.OrderContext;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Checks a telemetry record before it is evaluated; a bad one raises {@link InvalidEventException}.
 * Limits: ids (eventId, appId, userId, sessionId, promptId, clientVersion) non-blank and at most
 * {@value #MAX_ID_BYTES} UTF-8 bytes; paths at most {@value #MAX_PATH_BYTES} bytes; {@code seq >= 0};
 * eventTime from 2000-01-01T00:00:00Z to one day after the current wall-clock time. The appId
 * {@code "*"} is reserved for the platform default policy.
 */
public final class EventValidator {

    public static final int MAX_ID_BYTES = 1024;
    public static final int MAX_PATH_BYTES = 2048;
    public static final long MIN_EVENT_TIME_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    public static final long MAX_FUTURE_MS = 24L * 60 * 60 * 1000;

    private EventValidator() {
    }

    /** Checks the value only (used before re-keying, when the input key is ignored). */
    public static void validateValue(TelemetryEvent event, long nowMs) {
        if (event == null) {
            throw new InvalidEventException("value", "is null (a tombstone is not an event)");
        }
        id("eventId", event.getEventId());
        id("appId", event.getAppId());
        if ("*".equals(event.getAppId())) {
            throw new InvalidEventException("appId", "'*' is reserved for the platform default policy");
        }
        id("userId", event.getUserId());
        id("sessionId", event.getSessionId());
        if (event.getClientVersion() != null) {
            limit("clientVersion", event.getClientVersion(), MAX_ID_BYTES);
        }
        if (event.getSeq() < 0) {
            throw new InvalidEventException("seq", "is negative");
        }
        eventTime(event.getEventTime(), nowMs);
        payload(event.getPayload());
    }

    /** Checks the record key against the value, then the value. */
    public static void validate(String key, TelemetryEvent event, long nowMs) {
        if (key == null || key.isEmpty()) {
            throw new InvalidEventException("key", "is missing (expected \"<appId>:<userId>\")");
        }
        validateValue(event, nowMs);
        if (!key.equals(userKey(event))) {
            throw new InvalidEventException("key", "does not match the value's \"<appId>:<userId>\"");
        }
    }

    /** The key telemetry is partitioned and stored by. */
    public static String userKey(TelemetryEvent event) {
        return event.getAppId() + ":" + event.getUserId();
    }

    private static void eventTime(Instant time, long nowMs) {
        if (time == null) {
            throw new InvalidEventException("eventTime", "is missing");
        }
        final long ms = time.toEpochMilli();
        if (ms < MIN_EVENT_TIME_MS) {
            throw new InvalidEventException("eventTime", time + " is before 2000-01-01");
        }
        if (ms > nowMs + MAX_FUTURE_MS) {
            throw new InvalidEventException("eventTime", time + " is more than one day in the future");
        }
    }

    private static void payload(Object payload) {
        if (payload instanceof AppLaunch launch) {
            path("payload.entryPath", launch.getEntryPath());
        } else if (payload instanceof PageView view) {
            path("payload.path", view.getPath());
        } else if (payload instanceof UserInteraction interaction) {
            path("payload.path", interaction.getPath());
        } else if (payload instanceof PhoneAuthPrompt prompt) {
            id("payload.promptId", prompt.getPromptId());
            path("payload.path", prompt.getPath());
            if (prompt.getTargetPath() != null) {
                path("payload.targetPath", prompt.getTargetPath());
            }
        } else if (payload instanceof PhoneAuthResult result) {
            id("payload.promptId", result.getPromptId());
        } else if (payload instanceof OrderContext order) {
            path("payload.path", order.getPath());
        } else {
            throw new InvalidEventException("payload", "is missing or of an unknown type");
        }
    }

    private static void id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, "is missing or blank");
        }
        limit(field, value, MAX_ID_BYTES);
    }

    private static void path(String field, String value) {
        if (value == null) {
            throw new InvalidEventException(field, "is missing");
        }
        limit(field, value, MAX_PATH_BYTES);
    }

    private static void limit(String field, String value, int maxBytes) {
        // cheap bound first: a UTF-8 encoding takes at least one byte per char
        if (value.length() > maxBytes || value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidEventException(field, "is longer than " + maxBytes + " bytes");
        }
    }
}
