package io.authwatch.simulator;

import io.authwatch.policy.PathCategory;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;

/**
 * A violation the generator planted on purpose, with what the contract says the monitor must emit.
 * A detection matches it on {@link #matchKey()}: the rule and the prompt's eventId.
 *
 * @param decision        what lets the monitor decide (for latency: immediate rules vs the window)
 * @param decidingEventId the event whose arrival makes the decision possible: the last of the
 *                        prompt's session predecessors to be delivered (IMMEDIATE), the last needed
 *                        to see the window pass (AFTER_WINDOW), or the session's last (SESSION_QUIET)
 */
public record PlantedViolation(RuleId rule, String ruleCase, String appId, String sessionId, String promptEventId,
                               long promptTime, Severity severity, Confidence confidence, PathCategory category,
                               String scenario, Decision decision, String decidingEventId) {

    /** How the monitor can come to the decision. */
    public enum Decision {
        /** On the prompt itself (first screen, blocking, re-prompt after refusal). */
        IMMEDIATE,
        /** When a later event of the session passes the end of the forced window. */
        AFTER_WINDOW,
        /** When the session has gone quiet before the forced window ended. */
        SESSION_QUIET
    }

    /** The key detections are matched on: {@code RULE:promptEventId}. */
    public String matchKey() {
        return matchKey(rule, promptEventId);
    }

    /** The match key of a detection. */
    public static String matchKey(RuleId rule, String promptEventId) {
        return rule.name() + ":" + promptEventId;
    }
}
