package io.authwatch.simulator;

/**
 * Compliant prompts that resemble a violation (CONTRACT.md section 4). The ground truth lists
 * every one; a detection on any of them is a false positive.
 */
public enum NearMissKind {
    /** The user asked to sign in with the phone number; never a violation. */
    USER_REQUEST,
    /** A prompt on a phone-essential path (login, delivery, regulated identity), refused. */
    ESSENTIAL_PATH,
    /** A prompt on a non-essential path, refused, after which the user is let in. */
    REFUSED_THEN_LET_IN,
    /** A GRANTED answer after a refusal, then a later prompt: the refusal no longer counts. */
    GRANTED_AFTER_REFUSAL,
    /** A prompt after a refusal older than the re-prompt cooldown. */
    REPROMPT_AFTER_COOLDOWN,
    /** A prompt the user granted after tapping an option (not forced). */
    GRANTED_ON_ACTION
}
