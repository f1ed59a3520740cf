package io.authwatch.enforcement;

import io.authwatch.policy.PathCategory;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.List;

/** A named builder for the violations the enforcement tests feed: CONFIRMED, rule 1.1, unless told. */
final class ViolationBuilder {

    private String id;
    private String appId = "wx-app";
    private String userRef = "user-1";
    private Instant eventTime = Instant.parse("2024-05-01T02:00:00Z");
    private RuleId rule = RuleId.FIRST_SCREEN_PROMPT;
    private Confidence confidence = Confidence.CONFIRMED;
    private long policyVersion = 1;

    static ViolationBuilder violation() {
        return new ViolationBuilder();
    }

    ViolationBuilder id(String value) {
        this.id = value;
        return this;
    }

    ViolationBuilder app(String value) {
        this.appId = value;
        return this;
    }

    ViolationBuilder user(String value) {
        this.userRef = value;
        return this;
    }

    ViolationBuilder at(Instant value) {
        this.eventTime = value;
        return this;
    }

    ViolationBuilder rule(RuleId value) {
        this.rule = value;
        return this;
    }

    ViolationBuilder needsReview() {
        this.confidence = Confidence.NEEDS_REVIEW;
        return this;
    }

    ViolationBuilder policyVersion(long value) {
        this.policyVersion = value;
        return this;
    }

    Violation build() {
        final String violationId = id != null ? id : "v-" + appId + "-" + userRef + "-" + rule + "-" + eventTime.toEpochMilli();
        return Violation.newBuilder()
                .setViolationId(violationId)
                .setRule(rule)
                .setRuleCase(rule == RuleId.REPROMPT_AFTER_DENIAL ? "4" : "1.1")
                .setSeverity(Severity.MEDIUM)
                .setConfidence(confidence)
                .setAppId(appId)
                .setSessionId("s-" + userRef)
                .setUserRef(userRef)
                .setPath("pages/index")
                .setCategory(confidence == Confidence.CONFIRMED ? PathCategory.ENTRY_HOME : PathCategory.UNCLASSIFIED)
                .setPromptEventId("e-" + violationId)
                .setEventTime(eventTime)
                .setDetectedAt(eventTime.plusSeconds(1))
                .setReason("The app asked for the phone number on its first screen.")
                .setEvidence(List.of(Evidence.newBuilder().setEventId("e-" + violationId).setEventTime(eventTime)
                        .setType("PhoneAuthPrompt").setPath("pages/index").setDetail("blocking").build()))
                .setPolicyVersion(policyVersion)
                .build();
    }
}
