package io.authwatch.simulator;

import java.util.List;

/**
 * The intended meaning of one generated event.
 *
 * @param scenario   the visit script that wrote it, e.g. {@code browse} or {@code case-3-dine-in-order}
 * @param intent     VIOLATION for a planted prompt, NEAR_MISS for a compliant prompt, else BACKGROUND
 * @param ruleCases  the ruleCases planted on this prompt ("1.1", "4", …), empty otherwise
 * @param duplicate  this is a retried copy of an event delivered before
 * @param displaced  this event is delivered after later events of its session
 */
public record EventLabel(String scenario, Intent intent, List<String> ruleCases, boolean duplicate,
                         boolean displaced) {

    /** What an event is meant to be. */
    public enum Intent { BACKGROUND, NEAR_MISS, VIOLATION }

    public EventLabel {
        ruleCases = List.copyOf(ruleCases);
    }
}
