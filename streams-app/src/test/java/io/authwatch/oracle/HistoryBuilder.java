package io.authwatch.oracle;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written histories of one user in one app for example tests: sessions open with an AppLaunch
 * at seq 0, each further event comes {@link #after} a gap (1 s unless told) and gets the next seq.
 * Event ids are {@code <sessionId>-<seq>}; {@link #eventIdOf(String)} finds a prompt's.
 */
final class HistoryBuilder {

    static final Instant T0 = Instant.parse("2025-03-03T02:00:00Z");
    private static final Duration DEFAULT_GAP = Duration.ofSeconds(1);

    private final String appId;
    private final String userId;
    private final List<TelemetryEvent> events = new ArrayList<>();
    private final Map<String, String> promptEventIds = new HashMap<>();
    private String sessionId;
    private long seq;
    private Instant clock = T0;
    private Duration nextGap = DEFAULT_GAP;

    private HistoryBuilder(String appId, String userId) {
        this.appId = appId;
        this.userId = userId;
    }

    static HistoryBuilder user(String appId, String userId) {
        return new HistoryBuilder(appId, userId);
    }

    /** Opens a new session {@code gap} after the previous event, entering on {@code entryPath}. */
    HistoryBuilder session(String id, Duration gap, String entryPath) {
        sessionId = id;
        seq = 0;
        nextGap = gap;
        return add(new AppLaunch(1001, entryPath, true));
    }

    HistoryBuilder session(String id, String entryPath) {
        return session(id, DEFAULT_GAP, entryPath);
    }

    /** The next event comes {@code gap} after the previous one. */
    HistoryBuilder after(Duration gap) {
        nextGap = gap;
        return this;
    }

    HistoryBuilder view(String path, boolean contentVisible) {
        return add(new PageView(path, contentVisible));
    }

    HistoryBuilder tap(String path) {
        return add(new UserInteraction(path, InteractionKind.TAP));
    }

    HistoryBuilder order(String path, ServiceMode mode, OrderStage stage) {
        return add(new OrderContext(path, mode, stage));
    }

    HistoryBuilder prompt(String promptId, String path, PromptTrigger trigger, String targetPath, boolean blocking) {
        promptEventIds.put(promptId, sessionId + "-" + seq);
        return add(new PhoneAuthPrompt(promptId, path, trigger, targetPath, blocking));
    }

    HistoryBuilder result(String promptId, AuthOutcome outcome) {
        return add(new PhoneAuthResult(promptId, outcome));
    }

    String eventIdOf(String promptId) {
        return promptEventIds.get(promptId);
    }

    UserHistory build() {
        return new UserHistory(appId, userId, events);
    }

    private HistoryBuilder add(Object payload) {
        clock = events.isEmpty() ? clock : clock.plus(nextGap);
        nextGap = DEFAULT_GAP;
        events.add(TelemetryEvent.newBuilder().setEventId(sessionId + "-" + seq).setAppId(appId)
                .setUserId(userId).setSessionId(sessionId).setSeq(seq).setEventTime(clock)
                .setClientVersion(null).setPayload(payload).build());
        seq++;
        return this;
    }
}
