package io.authwatch.simulator;

import io.authwatch.telemetry.TelemetryEvent;

/**
 * One record for the telemetry topic, with what the generator meant by it.
 *
 * @param key       the contract's key, {@code "<appId>:<userId>"}
 * @param value     the event
 * @param deliverAt when (event-time clock) the event reaches the topic: later than its eventTime
 *                  when it was delivered out of order or is a retried duplicate
 * @param label     the generator's intent
 */
public record GeneratedEvent(String key, TelemetryEvent value, long deliverAt, EventLabel label) {
}
