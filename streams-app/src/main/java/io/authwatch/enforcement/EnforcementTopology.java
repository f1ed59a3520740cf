package io.authwatch.enforcement;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.internal.AppActivity;
import io.authwatch.internal.EnforcementSignal;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The enforcement sub-topology (CONTRACT.md section 5): per app and enforcement window, distinct
 * active and affected users, and the graded actions.
 *
 * <p>Inputs: the {@code activity} stream of the detection topology (one {@link AppActivity} per user
 * and window, keyed appId but still partitioned by the telemetry key appId:userId) and
 * {@code topic.violations} (keyed appId). Both become {@link EnforcementSignal}s, merged, and
 * repartitioned once, by appId, through the internal topic {@code <application.id>-enforcement-signals-repartition}:
 * the enforce processor so reads one topic and needs no co-partitioning. It writes
 * {@link EnforcementAction}s to {@code topic.enforcement}, keyed appId.
 *
 * <p>Processors: {@code enforcement-violations-source}, {@code enforcement-skip-tombstones},
 * {@code enforcement-violation-signal}, {@code enforcement-activity-signal},
 * {@code enforcement-merge-signals}, {@code enforcement-key-by-app}, {@code enforcement-signals}
 * (repartition), {@code enforcement-enforce}, {@code enforcement-actions-sink}. Stores: see
 * {@link EnforcementStores}.
 */
public final class EnforcementTopology {

    public static final String SIGNALS_REPARTITION = "enforcement-signals";
    public static final String ENFORCE_PROCESSOR = "enforcement-enforce";

    private EnforcementTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics, AuthwatchConfig config, AuthwatchMetrics metrics,
                             KStream<String, AppActivity> activity) {
        final EnforcementSettings settings = EnforcementSettings.from(config);
        EnforcementStores.builders(topics).forEach(builder::addStateStore);

        final KStream<String, EnforcementSignal> fromActivity =
                activity.mapValues(EnforcementTopology::signal, Named.as("enforcement-activity-signal"));
        final KStream<String, EnforcementSignal> fromViolations = builder
                .stream(topics.violations().name(), topics.violations().consumed("enforcement-violations-source"))
                // a null value is a tombstone, not a violation: there is nothing in it to count
                .filter((appId, violation) -> violation != null, Named.as("enforcement-skip-tombstones"))
                .mapValues(EnforcementTopology::signal, Named.as("enforcement-violation-signal"));

        fromActivity.merge(fromViolations, Named.as("enforcement-merge-signals"))
                .selectKey((key, signal) -> signal.getAppId(), Named.as("enforcement-key-by-app"))
                .repartition(Repartitioned.with(Serdes.String(), topics.valueSerde(EnforcementSignal.class))
                        .withName(SIGNALS_REPARTITION))
                .process(() -> new EnforceProcessor(settings, metrics), Named.as(ENFORCE_PROCESSOR),
                        EnforcementStores.names())
                .to(topics.enforcement().name(), topics.enforcement().produced("enforcement-actions-sink"));
    }

    static EnforcementSignal signal(AppActivity activity) {
        return new EnforcementSignal(activity.getAppId(), activity.getEventTime(), activity);
    }

    static EnforcementSignal signal(Violation violation) {
        return new EnforcementSignal(violation.getAppId(), violation.getEventTime(), violation);
    }
}
