package io.authwatch.http;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.policy.PathCategory;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small named builders of the records the query API shows. */
final class Fixtures {

    private Fixtures() {
    }

    /** A first-screen violation: the user opened the app and was asked at once, then refused. */
    static Violation firstScreenViolation(String appId, String id, Instant promptTime) {
        return Violation.newBuilder()
                .setViolationId(id).setRule(RuleId.FIRST_SCREEN_PROMPT).setRuleCase("1.1")
                .setSeverity(Severity.HIGH).setConfidence(Confidence.CONFIRMED)
                .setAppId(appId).setSessionId("s-" + id).setUserRef("0123456789abcdef0123456789abcdef")
                .setPath("pages/index").setCategory(PathCategory.ENTRY_HOME).setPromptEventId("e-prompt-" + id)
                .setEventTime(promptTime).setDetectedAt(promptTime.plusMillis(40))
                .setReason("The app asked for the phone number on its first screen before any interaction.")
                .setEvidence(List.of(
                        evidence("e-launch-" + id, promptTime.minusMillis(900), "AppLaunch", "pages/index",
                                "opened the app (cold start)"),
                        evidence("e-view-" + id, promptTime.minusMillis(500), "PageView", "pages/index",
                                "saw the page with its content"),
                        evidence("e-prompt-" + id, promptTime, "PhoneAuthPrompt", "pages/index",
                                "phone-number prompt on page load, blocking"),
                        evidence("e-result-" + id, promptTime.plusMillis(1200), "PhoneAuthResult", null,
                                "DENIED")))
                .setPolicyVersion(3)
                .build();
    }

    static Evidence evidence(String eventId, Instant t, String type, String path, String detail) {
        return Evidence.newBuilder().setEventId(eventId).setEventTime(t).setType(type).setPath(path)
                .setDetail(detail).build();
    }

    static EnforcementAction warning(String appId, long windowStartMs, long windowEndMs, Instant effectiveFrom) {
        return EnforcementAction.newBuilder()
                .setActionId("a-" + appId).setAppId(appId).setAction(EnforcementKind.WARNING)
                .setWindowStart(Instant.ofEpochMilli(windowStartMs)).setWindowEnd(Instant.ofEpochMilli(windowEndMs))
                .setActiveUsers(40).setAffectedUsers(6).setAffectedRate(0.15)
                .setViolationsByRule(Map.of("FIRST_SCREEN_PROMPT", 6L)).setSampleViolationIds(List.of("v1"))
                .setEffectiveFrom(effectiveFrom).setExpiresAt(effectiveFrom.plus(Duration.ofDays(7)))
                .setReason("6 users were prompted on the first screen today.").setPolicyVersion(3)
                .build();
    }

    /** An action of {@code kind} in a window, in force for {@code inForce} from {@code effectiveFrom}. */
    static EnforcementAction action(String appId, EnforcementKind kind, long windowStartMs, long windowEndMs,
            Instant effectiveFrom, Duration inForce) {
        // set field by field: a copying builder would trip Avro's class allow-list outside surefire
        final EnforcementAction action = warning(appId, windowStartMs, windowEndMs, effectiveFrom);
        action.setActionId("a-" + appId + "-" + kind + "-" + windowStartMs);
        action.setAction(kind);
        action.setExpiresAt(effectiveFrom.plus(inForce));
        action.setReason(kind + " of " + appId + ".");
        return action;
    }

    /** {@link #firstScreenViolation} with another rule and confidence. */
    static Violation violation(String appId, String id, Instant promptTime, RuleId rule, Confidence confidence) {
        final Violation violation = firstScreenViolation(appId, id, promptTime);
        violation.setRule(rule);
        violation.setConfidence(confidence);
        return violation;
    }

    static OpsQueries.WindowCounts counts(long startMs, long endMs, long active, long affected) {
        return new OpsQueries.WindowCounts(startMs, endMs, active, affected,
                affected / (double) Math.max(active, affected), Map.of("FIRST_SCREEN_PROMPT", affected));
    }
}
