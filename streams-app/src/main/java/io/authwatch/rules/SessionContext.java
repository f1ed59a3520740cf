package io.authwatch.rules;

import io.authwatch.internal.OrderScene;
import io.authwatch.internal.PageState;
import io.authwatch.internal.PromptRef;
import io.authwatch.internal.SessionState;
import io.authwatch.policy.PagePaths;
import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.OrderContext;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.ServiceMode;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import io.authwatch.violation.Evidence;
import java.util.List;

/**
 * What a session's evaluated events (in seq order) tell the rules about the prompts that follow:
 * whether the user has interacted yet, the latest visibility of each page before that, the latest
 * ordering scene, recent events for evidence, and recent prompts for refusals to cite.
 */
final class SessionContext {

    private SessionContext() {
    }

    /** Takes {@code event} (just evaluated) into the session's context. */
    static void record(SessionState session, TelemetryEvent event, Evidence evidence) {
        final Object payload = event.getPayload();
        if (payload instanceof AppLaunch && session.getLaunch() == null) {
            session.setLaunch(evidence);
        } else if (payload instanceof PageView view && !session.getInteracted()) {
            page(session, view, evidence);
        } else if (payload instanceof UserInteraction) {
            session.setInteracted(true);
            // rule 1.2 only looks at pages before the first interaction
            session.getPages().clear();
        } else if (payload instanceof OrderContext order) {
            session.setOrder(OrderScene.newBuilder().setServiceMode(order.getServiceMode().name())
                    .setStage(order.getStage().name()).setEvidence(evidence).build());
        } else if (payload instanceof PhoneAuthPrompt prompt) {
            bounded(session.getPrompts(), PromptRef.newBuilder().setPromptId(prompt.getPromptId())
                    .setEvidence(evidence).build(), DetectionLimits.MAX_PROMPTS);
        }
        bounded(session.getRecent(), evidence, DetectionLimits.MAX_RECENT_EVIDENCE);
    }

    /** The latest reported state of {@code path} before the first interaction, or {@code null}. */
    static PageState page(SessionState session, String path) {
        final String normalized = PagePaths.normalize(path);
        for (final PageState page : session.getPages()) {
            if (page.getPath().equals(normalized)) {
                return page;
            }
        }
        return null;
    }

    /** The in-store scene ("DINE_IN at CHECKOUT") when the latest OrderContext is DINE_IN or PICKUP, else null. */
    static String inStoreScene(SessionState session) {
        final OrderScene order = session.getOrder();
        if (order == null) {
            return null;
        }
        final String mode = order.getServiceMode();
        final boolean inStore = ServiceMode.DINE_IN.name().equals(mode) || ServiceMode.PICKUP.name().equals(mode);
        return inStore ? mode + " at " + order.getStage() : null;
    }

    /** The evidence of the prompt {@code promptId} if the session still remembers it. */
    static Evidence prompt(SessionState session, String promptId) {
        final List<PromptRef> prompts = session.getPrompts();
        for (int i = prompts.size() - 1; i >= 0; i--) {
            if (prompts.get(i).getPromptId().equals(promptId)) {
                return prompts.get(i).getEvidence();
            }
        }
        return null;
    }

    private static void page(SessionState session, PageView view, Evidence evidence) {
        final String path = PagePaths.normalize(view.getPath());
        session.getPages().removeIf(p -> p.getPath().equals(path));
        bounded(session.getPages(), PageState.newBuilder().setPath(path).setContentVisible(view.getContentVisible())
                .setEvidence(evidence).build(), DetectionLimits.MAX_PAGES);
    }

    private static <T> void bounded(List<T> list, T item, int max) {
        list.add(item);
        while (list.size() > max) {
            list.remove(0);
        }
    }
}
