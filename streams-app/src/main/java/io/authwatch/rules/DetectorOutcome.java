package io.authwatch.rules;

import io.authwatch.internal.AppActivity;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step of a {@link UserDetector} produced: the findings decided, the activity to report to
 * enforcement, and what the metrics count.
 *
 * @param duplicate   the event was a duplicate (by eventId) and was not evaluated again
 * @param eventType   payload type of the event taken in (null for a time step or a duplicate)
 * @param gapsSkipped seq gaps given up on
 */
public record DetectorOutcome(boolean duplicate, String eventType, int gapsSkipped, List<Finding> findings,
                              List<AppActivity> activity) {

    /** Collects an outcome while a step runs. */
    static final class Builder {
        private boolean duplicate;
        private String eventType;
        private int gapsSkipped;
        private final List<Finding> findings = new ArrayList<>();
        private final List<AppActivity> activity = new ArrayList<>();

        Builder duplicate() {
            duplicate = true;
            return this;
        }

        Builder eventType(String type) {
            eventType = type;
            return this;
        }

        Builder gaps(int count) {
            gapsSkipped += count;
            return this;
        }

        Builder finding(Finding finding) {
            findings.add(finding);
            return this;
        }

        Builder findings(List<Finding> more) {
            findings.addAll(more);
            return this;
        }

        Builder activity(AppActivity a) {
            activity.add(a);
            return this;
        }

        DetectorOutcome build() {
            return new DetectorOutcome(duplicate, eventType, gapsSkipped, List.copyOf(findings), List.copyOf(activity));
        }
    }
}
