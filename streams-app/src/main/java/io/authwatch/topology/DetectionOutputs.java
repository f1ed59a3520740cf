package io.authwatch.topology;

import io.authwatch.internal.AppActivity;
import io.authwatch.violation.Violation;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The streams detection hands to the rest of the topology, both keyed by appId (and needing a
 * repartition before any grouping, since the input is partitioned by appId:userId).
 *
 * @param violations every violation, as also written to {@code topic.violations}
 * @param activity   an {@link AppActivity} for a user's first AppLaunch in each enforcement window
 */
public record DetectionOutputs(KStream<String, Violation> violations, KStream<String, AppActivity> activity) {
}
