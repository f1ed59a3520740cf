package io.authwatch.simulator;

/**
 * A compliant prompt the generator wrote on purpose; no rule may fire on it.
 *
 * @param kind          why it looks like, but is not, a violation
 * @param promptEventId the eventId of the PhoneAuthPrompt
 * @param scenario      the visit script that wrote it
 */
public record NearMiss(NearMissKind kind, String appId, String sessionId, String promptEventId, String scenario) {
}
