package io.authwatch.oracle;

import io.authwatch.policy.PathCategory;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;

/**
 * The fields of a {@link Violation} that CONTRACT.md pins down from the input alone: everything
 * except violationId (the hash is not fixed), detectedAt (processing time), reason and evidence
 * (free-form), which the properties check separately.
 */
record ExpectedViolation(RuleId rule, String ruleCase, Severity severity, Confidence confidence,
        String appId, String sessionId, String userRef, String path, PathCategory category,
        String promptEventId, long eventTime, long policyVersion) {

    /** What identifies a violation: one rule fires at most once per prompt. */
    record Key(RuleId rule, String promptEventId) {
    }

    Key key() {
        return new Key(rule, promptEventId);
    }

    static ExpectedViolation of(Violation v) {
        return new ExpectedViolation(v.getRule(), v.getRuleCase(), v.getSeverity(), v.getConfidence(),
                v.getAppId(), v.getSessionId(), v.getUserRef(), v.getPath(), v.getCategory(),
                v.getPromptEventId(), v.getEventTime().toEpochMilli(), v.getPolicyVersion());
    }

    @Override
    public String toString() {
        return rule + "(" + ruleCase + ", " + severity + ", " + confidence + ") prompt=" + promptEventId
                + " session=" + sessionId + " path=" + path + " category=" + category + " policyVersion="
                + policyVersion + " t=" + eventTime;
    }
}
