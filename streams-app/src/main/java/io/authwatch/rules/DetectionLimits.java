package io.authwatch.rules;

/**
 * Bounds on what one user's detection state may hold, so that a misbehaving client cannot grow it
 * without limit. Each bound is far above what a real session produces; what happens at the bound is
 * written next to it.
 */
final class DetectionLimits {

    /** Events buffered behind a seq gap; beyond it the gap is skipped at once (and counted). */
    static final int MAX_BUFFERED_EVENTS = 256;
    /** Latest events kept per session as context for evidence; older ones are forgotten. */
    static final int MAX_RECENT_EVIDENCE = 8;
    /** Pages whose visibility is tracked before the first interaction; the oldest is forgotten. */
    static final int MAX_PAGES = 32;
    /** Prompts remembered per session so that a refusal can cite its prompt. */
    static final int MAX_PROMPTS = 16;
    /** Prompts awaiting a forced-window decision per session; the oldest unanswered one is dropped. */
    static final int MAX_PENDING = 16;
    /** Events kept as evidence of a forced-window; the decision itself counts every event. */
    static final int MAX_WINDOW_EVIDENCE = 8;
    /** Uncleared refusals kept per user; the oldest is dropped (only the latest ones can matter). */
    static final int MAX_REFUSALS = 16;
    /** Sessions kept per user; the least recently active one is closed (decided as quiet) first. */
    static final int MAX_SESSIONS = 32;
    /** eventId fingerprints kept per user within the dedup window; the oldest is dropped. */
    static final int MAX_SEEN = 4096;
    /** Enforcement windows remembered as having had an AppActivity sent. */
    static final int MAX_ACTIVITY_WINDOWS = 4;
    /** The contract's bound on a violation's evidence. */
    static final int MAX_EVIDENCE = 20;

    private DetectionLimits() {
    }
}
