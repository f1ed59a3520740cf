package io.authwatch.enforcement;

import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.violation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds the {@link EnforcementAction} of a tier whose condition holds, from the window's counts at
 * that moment and the violation that crossed the threshold. Everything in it is derived from the
 * input (no wall clock), so reprocessing the same input gives the same record.
 */
final class ActionFactory {

    static final int MAX_SAMPLES = 20;

    private final EnforcementSettings settings;
    private final ActionReasons reasons;

    ActionFactory(EnforcementSettings settings) {
        this.settings = settings;
        this.reasons = new ActionReasons(settings.windows().zone());
    }

    /** The same id for the same app, tier and window, on every instance and every run. */
    static String actionId(String appId, EnforcementKind kind, long windowStartMs) {
        final String name = "authwatch-enforcement|" + appId + "|" + kind.name() + "|" + windowStartMs;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    EnforcementAction create(EnforcementWindowState window, TierRules.Decision decision, Violation crossing) {
        final long windowStart = window.getWindowStart().toEpochMilli();
        final Instant effectiveFrom = crossing.getEventTime();
        final EnforcementAction action = EnforcementAction.newBuilder()
                .setActionId(actionId(window.getAppId(), decision.kind(), windowStart))
                .setAppId(window.getAppId())
                .setAction(decision.kind())
                .setWindowStart(window.getWindowStart())
                .setWindowEnd(window.getWindowEnd())
                .setActiveUsers(window.getActiveUsers())
                .setAffectedUsers(window.getAffectedUsers())
                .setAffectedRate(window.getAffectedRate())
                .setViolationsByRule(new TreeMap<>(window.getViolationsByRule()))
                .setSampleViolationIds(samples(window.getSampleViolationIds(), crossing.getViolationId()))
                .setEffectiveFrom(effectiveFrom)
                .setExpiresAt(effectiveFrom.plus(settings.tier(decision.kind()).expiresAfter()))
                .setReason("")
                .setPolicyVersion(crossing.getPolicyVersion())
                .build();
        action.setReason(reasons.reason(action, decision));
        return action;
    }

    /** The window's first counted violationIds, always with the one that crossed the threshold. */
    private static List<String> samples(List<String> firstCounted, String crossingId) {
        final List<String> out = new ArrayList<>(firstCounted.subList(0, Math.min(MAX_SAMPLES, firstCounted.size())));
        if (!out.contains(crossingId)) {
            if (out.size() == MAX_SAMPLES) {
                out.remove(MAX_SAMPLES - 1);
            }
            out.add(crossingId);
        }
        return out;
    }
}
