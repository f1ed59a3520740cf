package io.authwatch.rules;

import io.authwatch.policy.PagePaths;
import io.authwatch.violation.Violation;
import java.time.Instant;

/** Turns a {@link Finding} about one user into the contract's {@link Violation} record. */
public final class ViolationFactory {

    private ViolationFactory() {
    }

    /**
     * @param userRef    the user's {@link UserRefHasher keyed hash}, never the raw userId
     * @param detectedAt processing time of the decision (epoch millis)
     */
    public static Violation violation(Finding finding, String appId, String userRef, long detectedAt) {
        return Violation.newBuilder()
                .setViolationId(ViolationIds.violationId(finding.rule(), appId, finding.promptEventId()))
                .setRule(finding.rule())
                .setRuleCase(Finding.ruleCase(finding.rule()))
                .setSeverity(finding.severity())
                .setConfidence(finding.confidence())
                .setAppId(appId)
                .setSessionId(finding.sessionId())
                .setUserRef(userRef)
                .setPath(PagePaths.forOutput(finding.path()))
                .setCategory(finding.category())
                .setPromptEventId(finding.promptEventId())
                .setEventTime(Instant.ofEpochMilli(finding.promptTime()))
                .setDetectedAt(Instant.ofEpochMilli(detectedAt))
                .setReason(finding.reason())
                .setEvidence(finding.evidence())
                .setPolicyVersion(finding.policyVersion())
                .build();
    }
}
