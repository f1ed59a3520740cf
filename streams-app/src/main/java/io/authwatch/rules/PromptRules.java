package io.authwatch.rules;

import io.authwatch.internal.DetectionState;
import io.authwatch.internal.PageState;
import io.authwatch.internal.PendingPrompt;
import io.authwatch.internal.Refusal;
import io.authwatch.internal.SessionState;
import io.authwatch.policy.Classification;
import io.authwatch.policy.PathCategory;
import io.authwatch.policy.PathPolicyCatalog;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of CONTRACT.md section 4 for one app-initiated prompt P, evaluated when P is reached in
 * seq order. At most one of 1.2, 1.1, 3, 2 applies (the first that matches); rule 4 is independent.
 * Rules 1.x need no answer and are decided at once; so are rules 3 and 2 for a blocking prompt. For
 * a non-blocking prompt that rule 3 or 2 could apply to, a {@link PendingPrompt} waits for the
 * answer and the forced-window ({@link Forcedness}). The decisive path's category and the policy
 * version are taken when P is evaluated, so a policy update applies to the prompts evaluated after it.
 */
final class PromptRules {

    private final PathPolicyCatalog catalog;
    private final RefusalLedger ledger;

    PromptRules(PathPolicyCatalog catalog, RefusalLedger ledger) {
        this.catalog = catalog;
        this.ledger = ledger;
    }

    /** Findings decided now; a pending prompt is added to {@code session} when the answer must be awaited. */
    List<Finding> evaluate(DetectionState user, SessionState session, TelemetryEvent event, PhoneAuthPrompt prompt,
                           Evidence promptEvidence, long decidingTs) {
        final List<Finding> findings = new ArrayList<>();
        if (!TelemetryFacts.appInitiated(prompt)) {
            return findings;
        }
        final Prompt p = new Prompt(event, prompt, promptEvidence, session,
                catalog.classify(user.getAppId(), TelemetryFacts.decisivePath(prompt)), decidingTs);
        final Finding primary = p.beforeFirstInteraction() ? firstScreen(p) : forcedNow(p);
        if (primary != null) {
            findings.add(primary);
        }
        final Finding reprompt = reprompt(user, p);
        if (reprompt != null) {
            findings.add(reprompt);
        }
        return findings;
    }

    /** The rule 3 or 2 finding of a pending prompt found forced. */
    static Finding forced(PendingPrompt pending, String sessionId, long decidingTs) {
        final boolean scene = pending.getSceneCandidate();
        final RuleId rule = scene ? RuleId.NON_ESSENTIAL_SCENE_PROMPT : RuleId.NON_ESSENTIAL_SECTION_PROMPT;
        final String target = pending.getTargetPath();
        final String decisive = target != null ? target : pending.getPath();
        final String reason = Reasons.keptOut(decisive, pending.getCategory(), pending.getOutcome(), pending.getPath(),
                pending.getTrigger(), target, scene ? pending.getScene() : null);
        final EvidenceList evidence = new EvidenceList().may(pending.getContext()).must(pending.getPrompt())
                .must(pending.getRefusal()).may(pending.getWindow());
        final Evidence prompt = pending.getPrompt();
        return new Finding(rule, scene ? Severity.HIGH : Severity.MEDIUM,
                Finding.confidence(rule, pending.getCategory()), sessionId, pending.getPath(),
                pending.getCategory(), prompt.getEventId(), prompt.getEventTime().toEpochMilli(), reason,
                evidence.build(), pending.getPolicyVersion(), decidingTs);
    }

    private Finding firstScreen(Prompt p) {
        final PageState page = SessionContext.page(p.session, p.prompt.getPath());
        final boolean gated = page != null && !page.getContentVisible();
        final RuleId rule = gated ? RuleId.CONTENT_GATED_ENTRY : RuleId.FIRST_SCREEN_PROMPT;
        final Severity severity = gated || p.prompt.getBlocking() ? Severity.HIGH : Severity.MEDIUM;
        final String reason = gated ? Reasons.contentGated(p.prompt.getPath(), p.trigger(), p.target())
                : Reasons.firstScreen(p.prompt.getPath(), p.trigger(), p.target(), p.prompt.getBlocking());
        final EvidenceList evidence = p.context();
        if (gated) {
            evidence.must(page.getEvidence());
        }
        return p.finding(rule, severity, reason, evidence.must(p.evidence));
    }

    /** Rule 3 or 2 decided at once for a blocking prompt, or a pending prompt for a non-blocking one. */
    private Finding forcedNow(Prompt p) {
        final PathCategory category = p.classification.category();
        final String scene = SessionContext.inStoreScene(p.session);
        final boolean sceneCandidate = scene != null && category != PathCategory.REGULATED_IDENTITY;
        if (!sceneCandidate && p.classification.phoneEssential()) {
            return null;
        }
        if (!p.prompt.getBlocking()) {
            addPending(p, sceneCandidate, scene);
            return null;
        }
        final RuleId rule = sceneCandidate ? RuleId.NON_ESSENTIAL_SCENE_PROMPT : RuleId.NON_ESSENTIAL_SECTION_PROMPT;
        final String reason = Reasons.blocked(TelemetryFacts.decisivePath(p.prompt), category, p.prompt.getPath(),
                p.trigger(), p.target(), sceneCandidate ? scene : null);
        final EvidenceList evidence = p.context();
        if (sceneCandidate) {
            evidence.must(p.session.getOrder().getEvidence());
        }
        return p.finding(rule, Severity.HIGH, reason, evidence.must(p.evidence));
    }

    private void addPending(Prompt p, boolean sceneCandidate, String scene) {
        final EvidenceList before = p.context();
        if (sceneCandidate) {
            before.must(p.session.getOrder().getEvidence());
        }
        final List<Evidence> context = new ArrayList<>(before.build());
        context.add(p.evidence);
        final List<PendingPrompt> pending = p.session.getPending();
        pending.add(PendingPrompt.newBuilder().setPromptId(p.prompt.getPromptId()).setPrompt(p.evidence)
                .setPath(p.prompt.getPath()).setTargetPath(p.target()).setTrigger(p.trigger())
                .setCategory(p.classification.category()).setPolicyVersion(p.classification.policyVersion())
                .setSceneCandidate(sceneCandidate).setScene(scene).setContext(context)
                .setWindow(new ArrayList<>()).build());
        if (pending.size() > DetectionLimits.MAX_PENDING) {
            dropOldestUnanswered(pending);
        }
    }

    private static void dropOldestUnanswered(List<PendingPrompt> pending) {
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).getRefusal() == null) {
                pending.remove(i);
                return;
            }
        }
        pending.remove(0);
    }

    private Finding reprompt(DetectionState user, Prompt p) {
        final Refusal refusal = ledger.applicable(user, p.time(), p.event.getSessionId());
        if (refusal == null || (p.classification.phoneEssential() && !p.beforeFirstInteraction())) {
            return null;
        }
        final int count = ledger.countReprompt(user);
        final boolean sameSession = refusal.getSessionId().equals(p.event.getSessionId());
        final String reason = Reasons.reprompt(p.prompt.getPath(), p.trigger(), p.target(),
                p.time() - refusal.getTime(), refusal.getOutcome(), sameSession, count);
        final EvidenceList evidence = new EvidenceList().must(refusal.getPrompt()).must(refusal.getResult())
                .may(p.session.getLaunch()).may(p.session.getRecent()).must(p.evidence);
        return p.finding(RuleId.REPROMPT_AFTER_DENIAL, count >= 3 ? Severity.HIGH : Severity.MEDIUM, reason, evidence);
    }

    /** P with what the rules read about it. */
    private record Prompt(TelemetryEvent event, PhoneAuthPrompt prompt, Evidence evidence, SessionState session,
                          Classification classification, long decidingTs) {

        /** No UserInteraction before P in its session, and P's trigger is PAGE_LOAD or UNKNOWN. */
        boolean beforeFirstInteraction() {
            final PromptTrigger trigger = prompt.getTrigger();
            return !session.getInteracted() && (trigger == PromptTrigger.PAGE_LOAD || trigger == PromptTrigger.UNKNOWN);
        }

        long time() {
            return TelemetryFacts.time(event);
        }

        String trigger() {
            return prompt.getTrigger().name();
        }

        String target() {
            return TelemetryFacts.target(prompt);
        }

        /** The session's launch and latest events before P. */
        EvidenceList context() {
            return new EvidenceList().may(session.getLaunch()).may(session.getRecent());
        }

        Finding finding(RuleId rule, Severity severity, String reason, EvidenceList evidence) {
            final PathCategory category = classification.category();
            return new Finding(rule, severity, Finding.confidence(rule, category), event.getSessionId(),
                    prompt.getPath(), category, event.getEventId(), time(), reason, evidence.build(),
                    classification.policyVersion(), decidingTs);
        }
    }
}
