package io.authwatch.rules;

import io.authwatch.policy.PagePaths;
import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.OrderContext;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import io.authwatch.violation.Evidence;

/** Small readings of telemetry events shared by the rules: payload type, path, evidence. */
final class TelemetryFacts {

    private TelemetryFacts() {
    }

    /** The payload's record name (AppLaunch, PageView, …), also the {@code type} label of the events metric. */
    static String type(TelemetryEvent event) {
        return event.getPayload() == null ? "UNKNOWN" : event.getPayload().getClass().getSimpleName();
    }

    static long time(TelemetryEvent event) {
        return event.getEventTime().toEpochMilli();
    }

    /** A refusal: DENIED or DISMISSED. */
    static boolean isRefusal(AuthOutcome outcome) {
        return outcome == AuthOutcome.DENIED || outcome == AuthOutcome.DISMISSED;
    }

    /** An app-initiated prompt: any trigger but USER_REQUEST. */
    static boolean appInitiated(PhoneAuthPrompt prompt) {
        return prompt.getTrigger() != PromptTrigger.USER_REQUEST;
    }

    /** The decisive path: targetPath if set (and not blank), else path. */
    static String decisivePath(PhoneAuthPrompt prompt) {
        final String target = target(prompt);
        return target != null ? target : prompt.getPath();
    }

    /** targetPath, with a blank one read as not set. */
    static String target(PhoneAuthPrompt prompt) {
        final String target = prompt.getTargetPath();
        return target == null || target.isBlank() ? null : target;
    }

    /** The event as evidence: its id, time, type, path (without query) and what it shows. */
    static Evidence evidence(TelemetryEvent event) {
        return Evidence.newBuilder().setEventId(event.getEventId()).setEventTime(event.getEventTime())
                .setType(type(event)).setPath(PagePaths.forOutput(path(event))).setDetail(detail(event.getPayload()))
                .build();
    }

    private static String path(TelemetryEvent event) {
        final Object payload = event.getPayload();
        if (payload instanceof AppLaunch launch) {
            return launch.getEntryPath();
        } else if (payload instanceof PageView view) {
            return view.getPath();
        } else if (payload instanceof UserInteraction interaction) {
            return interaction.getPath();
        } else if (payload instanceof PhoneAuthPrompt prompt) {
            return prompt.getPath();
        } else if (payload instanceof OrderContext order) {
            return order.getPath();
        }
        return null;
    }

    /** What the event shows, kept short: it is stored in the state of every recent event. */
    private static String detail(Object payload) {
        if (payload instanceof AppLaunch launch) {
            return "scene " + launch.getScene() + (launch.getColdStart() ? ", cold start" : "");
        } else if (payload instanceof PageView view) {
            return view.getContentVisible() ? "content visible" : "no content";
        } else if (payload instanceof UserInteraction interaction) {
            return interaction.getKind().name();
        } else if (payload instanceof PhoneAuthPrompt prompt) {
            final String target = target(prompt);
            return prompt.getTrigger() + (target != null ? " to " + PagePaths.forOutput(target) : "")
                    + (prompt.getBlocking() ? ", blocking" : "");
        } else if (payload instanceof PhoneAuthResult result) {
            return result.getOutcome() + " " + result.getPromptId();
        } else if (payload instanceof OrderContext order) {
            return order.getServiceMode() + " at " + order.getStage();
        }
        return null;
    }
}
