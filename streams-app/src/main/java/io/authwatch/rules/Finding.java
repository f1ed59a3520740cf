package io.authwatch.rules;

import io.authwatch.policy.PathCategory;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import java.util.List;

/**
 * A rule's decision about one prompt, before it becomes a {@link io.authwatch.violation.Violation}.
 *
 * @param promptEventId         eventId of the PhoneAuthPrompt
 * @param promptTime            eventTime of the prompt (epoch millis)
 * @param decidingRecordTimestamp timestamp of the input record whose processing made the decision
 *                              (for the detection-latency metric)
 */
public record Finding(RuleId rule, Severity severity, Confidence confidence, String sessionId, String path,
                      PathCategory category, String promptEventId, long promptTime, String reason,
                      List<Evidence> evidence, long policyVersion, long decidingRecordTimestamp) {

    /** The platform example a rule matches ("1.1", "1.2", "2", "3", "4"). */
    public static String ruleCase(RuleId rule) {
        return switch (rule) {
            case FIRST_SCREEN_PROMPT -> "1.1";
            case CONTENT_GATED_ENTRY -> "1.2";
            case NON_ESSENTIAL_SECTION_PROMPT -> "2";
            case NON_ESSENTIAL_SCENE_PROMPT -> "3";
            case REPROMPT_AFTER_DENIAL -> "4";
            default -> "?";
        };
    }

    /** NEEDS_REVIEW for rules 2 and 4 when the decisive path is UNCLASSIFIED, else CONFIRMED. */
    static Confidence confidence(RuleId rule, PathCategory category) {
        final boolean categoryDecides = rule == RuleId.NON_ESSENTIAL_SECTION_PROMPT
                || rule == RuleId.REPROMPT_AFTER_DENIAL;
        return categoryDecides && category == PathCategory.UNCLASSIFIED
                ? Confidence.NEEDS_REVIEW : Confidence.CONFIRMED;
    }
}
