package io.authwatch.simulator;

import io.authwatch.policy.PathCategory;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes one session in seq order, the way a client runtime reports it: seq from 0, event times
 * advancing by a user's think time, one fresh eventId per event.
 */
final class SessionWriter {

    /** A prompt written into this session, with the facts the ground truth is derived from. */
    record Prompt(int session, String sessionId, String eventId, String promptId, long seq, long time, String path,
                  String targetPath, PromptTrigger trigger, boolean blocking, boolean beforeFirstInteraction,
                  boolean inStore) {

        String decisivePath() {
            return targetPath != null ? targetPath : path;
        }

        PathCategory category() {
            return SimPaths.category(decisivePath());
        }

        boolean appInitiated() {
            return trigger != PromptTrigger.USER_REQUEST;
        }
    }

    /** An answer to a prompt. */
    record Answer(Prompt prompt, long seq, long time, AuthOutcome outcome) {
        boolean refusal() {
            return outcome == AuthOutcome.DENIED || outcome == AuthOutcome.DISMISSED;
        }
    }

    private static final long MIN_THINK_MS = 400;
    private static final long MAX_THINK_MS = 2_500;

    private final Story story;
    private final int index;
    private final String sessionId;
    private final List<TelemetryEvent> events = new ArrayList<>();
    private long now;
    private boolean interacted;
    private boolean inStore;

    SessionWriter(Story story, int index, String sessionId, long start) {
        this.story = story;
        this.index = index;
        this.sessionId = sessionId;
        this.now = start;
    }

    int index() {
        return index;
    }

    String sessionId() {
        return sessionId;
    }

    /** Event time of the latest event written. */
    long now() {
        return now;
    }

    List<TelemetryEvent> events() {
        return Collections.unmodifiableList(events);
    }

    void launch(int scene, String entryPath, boolean coldStart) {
        add(new AppLaunch(scene, entryPath, coldStart));
    }

    void view(String path, boolean contentVisible) {
        add(new PageView(path, contentVisible));
    }

    void tap(String path) {
        interact(path, InteractionKind.TAP);
    }

    void scroll(String path) {
        interact(path, InteractionKind.SCROLL);
    }

    void interact(String path, InteractionKind kind) {
        add(new UserInteraction(path, kind));
        interacted = true;
    }

    void order(String path, ServiceMode mode, OrderStage stage) {
        add(new OrderContext(path, mode, stage));
        inStore = mode == ServiceMode.DINE_IN || mode == ServiceMode.PICKUP;
    }

    Prompt prompt(String path, PromptTrigger trigger, String targetPath, boolean blocking) {
        final String promptId = "p-" + story.dice().uuid().substring(0, 13);
        final boolean beforeFirst = !interacted
                && (trigger == PromptTrigger.PAGE_LOAD || trigger == PromptTrigger.UNKNOWN);
        final TelemetryEvent event = add(new PhoneAuthPrompt(promptId, path, trigger, targetPath, blocking));
        final Prompt prompt = new Prompt(index, sessionId, event.getEventId(), promptId, event.getSeq(),
                event.getEventTime().toEpochMilli(), path, targetPath, trigger, blocking, beforeFirst, inStore);
        story.prompted(prompt);
        return prompt;
    }

    Answer answer(Prompt prompt, AuthOutcome outcome) {
        final TelemetryEvent event = add(new PhoneAuthResult(prompt.promptId(), outcome));
        final Answer answer = new Answer(prompt, event.getSeq(), event.getEventTime().toEpochMilli(), outcome);
        story.answered(answer);
        return answer;
    }

    /** Moves the clock to a moment well past {@code time}, so the next event comes after it. */
    void waitPast(long time) {
        now = Math.max(now, time + story.dice().millis(2_000, 15_000) - MIN_THINK_MS);
    }

    /** Lets some seconds pass (the user reads, or waits) before the next event. */
    void pause(long minMs, long maxMs) {
        now += story.dice().millis(minMs, maxMs);
    }

    private TelemetryEvent add(Object payload) {
        if (!events.isEmpty()) {
            now += story.dice().millis(MIN_THINK_MS, MAX_THINK_MS);
        }
        final TelemetryEvent event = TelemetryEvent.newBuilder()
                .setEventId(story.dice().uuid())
                .setAppId(story.app().appId())
                .setUserId(story.userId())
                .setSessionId(sessionId)
                .setSeq((long) events.size())
                .setEventTime(java.time.Instant.ofEpochMilli(now))
                .setClientVersion(story.app().clientVersion())
                .setPayload(payload)
                .build();
        events.add(event);
        return event;
    }
}
