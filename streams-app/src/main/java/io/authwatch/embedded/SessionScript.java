package io.authwatch.embedded;

import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.InteractionKind;
import io.authwatch.telemetry.OrderContext;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes one session's telemetry as a user would produce it: each call appends the next event
 * ({@code seq} + 1) a few seconds of event time after the previous one. Used by the simulator and
 * by tests that need realistic sessions.
 */
public final class SessionScript {

    private final String appId;
    private final String userId;
    private final String sessionId = UUID.randomUUID().toString();
    private final List<TelemetryEvent> events = new ArrayList<>();
    private Instant clock;
    private String lastPromptId;

    public SessionScript(String appId, String userId, Instant start) {
        this.appId = appId;
        this.userId = userId;
        this.clock = start;
    }

    /** Moves the session's clock on by {@code gap} before the next event. */
    public SessionScript after(Duration gap) {
        clock = clock.plus(gap);
        return this;
    }

    public SessionScript launch(String entryPath) {
        return add(AppLaunch.newBuilder().setScene(1001).setEntryPath(entryPath).setColdStart(true).build());
    }

    public SessionScript view(String path, boolean contentVisible) {
        return add(PageView.newBuilder().setPath(path).setContentVisible(contentVisible).build());
    }

    public SessionScript tap(String path) {
        return add(UserInteraction.newBuilder().setPath(path).setKind(InteractionKind.TAP).build());
    }

    public SessionScript order(String path, ServiceMode mode, OrderStage stage) {
        return add(OrderContext.newBuilder().setPath(path).setServiceMode(mode).setStage(stage).build());
    }

    /** A phone-number prompt; {@code targetPath} may be null. */
    public SessionScript prompt(String path, PromptTrigger trigger, String targetPath, boolean blocking) {
        lastPromptId = UUID.randomUUID().toString();
        return add(PhoneAuthPrompt.newBuilder().setPromptId(lastPromptId).setPath(path).setTrigger(trigger)
                .setTargetPath(targetPath).setBlocking(blocking).build());
    }

    /** The user's answer to the latest prompt. */
    public SessionScript answer(AuthOutcome outcome) {
        return add(PhoneAuthResult.newBuilder().setPromptId(lastPromptId).setOutcome(outcome).build());
    }

    public List<TelemetryEvent> events() {
        return List.copyOf(events);
    }

    public String key() {
        return appId + ":" + userId;
    }

    private SessionScript add(Object payload) {
        events.add(TelemetryEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAppId(appId)
                .setUserId(userId).setSessionId(sessionId).setSeq(events.size()).setEventTime(clock)
                .setClientVersion("8.0.50").setPayload(payload).build());
        clock = clock.plusMillis(1500);
        return this;
    }
}
