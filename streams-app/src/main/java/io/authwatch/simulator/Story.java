package io.authwatch.simulator;

import io.authwatch.policy.PathCategory;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One visit story: the sessions of one user of one app that a script writes together (a single
 * visit, or a refusal and the re-opens after it), and what the script meant by each prompt.
 *
 * <p>The script declares each prompt as planted (with its rule) or as a near-miss. {@link #finish()}
 * then cross-checks the declarations against the story's own facts (a prompt before the first
 * interaction must be planted as 1.x, a prompt after an unanswered refusal as 4, a blocking prompt
 * on a non-essential path as 2 or 3), so a slip in a script fails loudly instead of corrupting the
 * ground truth.
 */
final class Story {

    /** A violation the script planted on one prompt. */
    record Expectation(SessionWriter.Prompt prompt, RuleId rule, String ruleCase, Severity severity,
                       Confidence confidence, SessionWriter.Answer windowRefusal) {
        PathCategory category() {
            return prompt.category();
        }
    }

    /** A near-miss the script wrote on one prompt. */
    record Mark(SessionWriter.Prompt prompt, NearMissKind kind) {
    }

    private final String scenario;
    private final SimApp app;
    private final String userId;
    private final Dice dice;
    private final GeneratorSettings settings;
    private final List<SessionWriter> sessions = new ArrayList<>();
    private final List<Expectation> expectations = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private final List<SessionWriter.Prompt> prompts = new ArrayList<>();
    private final Map<SessionWriter.Prompt, Boolean> refusalOutstandingAt = new IdentityHashMap<>();
    private SessionWriter.Answer lastRefusal;
    private int repromptsSinceGrant;

    Story(String scenario, SimApp app, String userId, Dice dice, GeneratorSettings settings) {
        this.scenario = scenario;
        this.app = app;
        this.userId = userId;
        this.dice = dice;
        this.settings = settings;
    }

    String scenario() {
        return scenario;
    }

    SimApp app() {
        return app;
    }

    String userId() {
        return userId;
    }

    Dice dice() {
        return dice;
    }

    GeneratorSettings settings() {
        return settings;
    }

    List<SessionWriter> sessions() {
        return Collections.unmodifiableList(sessions);
    }

    List<Expectation> expectations() {
        return Collections.unmodifiableList(expectations);
    }

    List<Mark> marks() {
        return Collections.unmodifiableList(marks);
    }

    /** Opens a session at {@code start}: its AppLaunch (seq 0) followed by the entry page. */
    SessionWriter open(long start, int scene, String entryPath, boolean entryVisible) {
        final SessionWriter session = new SessionWriter(this, sessions.size(), dice.uuid(), start);
        sessions.add(session);
        session.launch(scene, entryPath, sessions.size() == 1 || dice.chance(0.3));
        session.view(entryPath, entryVisible);
        return session;
    }

    /** Event time of the story's last event. */
    long end() {
        return sessions.stream().mapToLong(SessionWriter::now).max().orElseThrow();
    }

    /** Whether the user ends the story with a refusal not cleared by a later GRANTED. */
    boolean endsWithRefusal() {
        return lastRefusal != null;
    }

    // ---- what the scripts declare ----

    /** Case 1.1: prompt before the first interaction. */
    void plantFirstScreen(SessionWriter.Prompt p) {
        expect(p, RuleId.FIRST_SCREEN_PROMPT, "1.1", p.blocking() ? Severity.HIGH : Severity.MEDIUM, null);
    }

    /** Case 1.2: prompt before the first interaction over an entry page without content. */
    void plantContentGated(SessionWriter.Prompt p) {
        expect(p, RuleId.CONTENT_GATED_ENTRY, "1.2", Severity.HIGH, null);
    }

    /** Case 2: forced by blocking, or (when {@code refusal} is given) by the window after it. */
    void plantSection(SessionWriter.Prompt p, SessionWriter.Answer refusal) {
        expect(p, RuleId.NON_ESSENTIAL_SECTION_PROMPT, "2", p.blocking() ? Severity.HIGH : Severity.MEDIUM, refusal);
    }

    /** Case 3: forced in an in-store scene. */
    void plantScene(SessionWriter.Prompt p, SessionWriter.Answer refusal) {
        expect(p, RuleId.NON_ESSENTIAL_SCENE_PROMPT, "3", Severity.HIGH, refusal);
    }

    /** Case 4: a prompt while the user's refusal stands. */
    void plantReprompt(SessionWriter.Prompt p) {
        repromptsSinceGrant++;
        expect(p, RuleId.REPROMPT_AFTER_DENIAL, "4", repromptsSinceGrant >= 3 ? Severity.HIGH : Severity.MEDIUM, null);
    }

    void nearMiss(SessionWriter.Prompt p, NearMissKind kind) {
        marks.add(new Mark(p, kind));
    }

    // ---- what the session writer reports ----

    void prompted(SessionWriter.Prompt p) {
        prompts.add(p);
        refusalOutstandingAt.put(p, lastRefusal != null
                && p.time() - lastRefusal.time() < settings.repromptCooldown().toMillis());
    }

    void answered(SessionWriter.Answer answer) {
        if (answer.outcome() == AuthOutcome.GRANTED) {
            lastRefusal = null;
            repromptsSinceGrant = 0;
        } else if (answer.refusal()) {
            lastRefusal = answer;
        }
    }

    private void expect(SessionWriter.Prompt p, RuleId rule, String ruleCase, Severity severity,
                        SessionWriter.Answer windowRefusal) {
        if (windowRefusal == null && !p.blocking() && (ruleCase.equals("2") || ruleCase.equals("3"))) {
            throw new IllegalStateException(scenario + ": a non-blocking case-" + ruleCase + " prompt needs its refusal");
        }
        final boolean review = p.category() == PathCategory.UNCLASSIFIED
                && (rule == RuleId.NON_ESSENTIAL_SECTION_PROMPT || rule == RuleId.REPROMPT_AFTER_DENIAL);
        expectations.add(new Expectation(p, rule, ruleCase, severity,
                review ? Confidence.NEEDS_REVIEW : Confidence.CONFIRMED, p.blocking() ? null : windowRefusal));
    }

    /** Checks every prompt's declaration against the story's facts; throws on a script slip. */
    void finish() {
        for (final SessionWriter.Prompt p : prompts) {
            final Set<RuleId> rules = EnumSet.noneOf(RuleId.class);
            expectations.stream().filter(e -> e.prompt() == p).forEach(e -> rules.add(e.rule()));
            final boolean marked = marks.stream().anyMatch(m -> m.prompt() == p);
            check(p, rules.isEmpty() == marked, "is declared neither planted nor near-miss, or both");
            if (!p.appInitiated()) {
                check(p, rules.isEmpty(), "is a user request, which is never a violation");
                continue;
            }
            final boolean firstScreen = rules.contains(RuleId.FIRST_SCREEN_PROMPT)
                    || rules.contains(RuleId.CONTENT_GATED_ENTRY);
            check(p, p.beforeFirstInteraction() == firstScreen, "first-screen declaration disagrees");
            final boolean essential = SimPaths.isPhoneEssential(p.category());
            final boolean reprompt = refusalOutstandingAt.get(p) && (!essential || p.beforeFirstInteraction());
            check(p, reprompt == rules.contains(RuleId.REPROMPT_AFTER_DENIAL), "re-prompt declaration disagrees");
            if (p.blocking() && !firstScreen) {
                final boolean scene = p.inStore() && p.category() != PathCategory.REGULATED_IDENTITY;
                check(p, scene == rules.contains(RuleId.NON_ESSENTIAL_SCENE_PROMPT), "blocking in-store prompt");
                check(p, (!scene && !essential) == rules.contains(RuleId.NON_ESSENTIAL_SECTION_PROMPT),
                        "blocking non-essential prompt");
            }
        }
    }

    private void check(SessionWriter.Prompt p, boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("generator script '" + scenario + "': prompt on " + p.path()
                    + " (trigger " + p.trigger() + ", target " + p.targetPath() + ") " + what);
        }
    }
}
