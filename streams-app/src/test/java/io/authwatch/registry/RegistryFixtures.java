package io.authwatch.registry;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.internal.AppActivity;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathCategory;
import io.authwatch.policy.PathRule;
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
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One record of every contract type, with every optional field both set and unset somewhere. */
final class RegistryFixtures {

    static final Instant T0 = Instant.ofEpochMilli(1_767_225_600_123L);

    private RegistryFixtures() {
    }

    static TelemetryEvent event(long seq, Object payload) {
        return TelemetryEvent.newBuilder()
                .setEventId("ev-" + seq)
                .setAppId("wx-app-1")
                .setUserId("u-42")
                .setSessionId("s-1")
                .setSeq(seq)
                .setEventTime(T0.plusMillis(seq * 1000))
                .setClientVersion(seq % 2 == 0 ? "8.0.1" : null)
                .setPayload(payload)
                .build();
    }

    /** One TelemetryEvent per payload type, a session's worth. */
    static List<TelemetryEvent> telemetryOfEveryPayloadType() {
        return List.of(
                event(0, new AppLaunch(1001, "pages/index/index", true)),
                event(1, new PageView("pages/index/index", false)),
                event(2, new UserInteraction("pages/index/index", InteractionKind.SCROLL)),
                event(3, new PhoneAuthPrompt("p-1", "pages/index/index", PromptTrigger.NAVIGATION, "pages/goods/detail",
                        true)),
                event(4, new PhoneAuthPrompt("p-2", "pages/index/index", PromptTrigger.PAGE_LOAD, null, false)),
                event(5, new PhoneAuthResult("p-1", AuthOutcome.DENIED)),
                event(6, new OrderContext("pages/order/menu", ServiceMode.DINE_IN, OrderStage.CHECKOUT)));
    }

    static AppPathPolicy policy() {
        return AppPathPolicy.newBuilder()
                .setAppId("*")
                .setVersion(7)
                .setRules(List.of(
                        new PathRule("pages/account/**", PathCategory.ACCOUNT, "needs the phone number"),
                        new PathRule("pages/goods/*", PathCategory.PRODUCT, null)))
                .build();
    }

    static Violation violation() {
        return Violation.newBuilder()
                .setViolationId("v-1")
                .setRule(RuleId.FIRST_SCREEN_PROMPT)
                .setRuleCase("1.1")
                .setSeverity(Severity.HIGH)
                .setConfidence(Confidence.CONFIRMED)
                .setAppId("wx-app-1")
                .setSessionId("s-1")
                .setUserRef("0123456789abcdef0123456789abcdef")
                .setPath("pages/index/index")
                .setCategory(PathCategory.ENTRY_HOME)
                .setPromptEventId("ev-4")
                .setEventTime(T0)
                .setDetectedAt(T0.plusSeconds(2))
                .setReason("A blocking phone prompt appeared on the first screen before any interaction.")
                .setEvidence(List.of(
                        new Evidence("ev-0", T0, "AppLaunch", "pages/index/index", null),
                        new Evidence("ev-4", T0.plusMillis(4000), "PhoneAuthPrompt", null, "blocking")))
                .setPolicyVersion(0)
                .build();
    }

    static EnforcementAction enforcementAction() {
        return EnforcementAction.newBuilder()
                .setActionId("a-1")
                .setAppId("wx-app-1")
                .setAction(EnforcementKind.WARNING)
                .setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(86_400))
                .setActiveUsers(120)
                .setAffectedUsers(5)
                .setAffectedRate(5 / 120.0)
                .setViolationsByRule(Map.of("FIRST_SCREEN_PROMPT", 4L, "REPROMPT_AFTER_DENIAL", 2L))
                .setSampleViolationIds(List.of("v-1", "v-2"))
                .setEffectiveFrom(T0.plusSeconds(3600))
                .setExpiresAt(T0.plusSeconds(3600 + 7 * 86_400))
                .setReason("5 users were forced to authorize their phone number today.")
                .setPolicyVersion(7)
                .build();
    }

    static AppActivity appActivity() {
        return new AppActivity("wx-app-1", "0123456789abcdef0123456789abcdef", T0);
    }

    /** Every contract record type (and the internal AppActivity), for round trips. */
    static List<SpecificRecord> everyRecordType() {
        final List<SpecificRecord> all = new java.util.ArrayList<>(telemetryOfEveryPayloadType());
        all.add(policy());
        all.add(violation());
        all.add(enforcementAction());
        final EnforcementAction withoutExpiry = enforcementAction();
        withoutExpiry.setExpiresAt(null);
        all.add(withoutExpiry);
        all.add(appActivity());
        return List.copyOf(all);
    }
}
