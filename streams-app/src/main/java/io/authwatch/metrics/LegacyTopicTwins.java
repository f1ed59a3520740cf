package io.authwatch.metrics;

import io.authwatch.config.AuthwatchConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kafka 4's consumer registers each per-topic fetch metric twice: under the topic's name and, for
 * compatibility, under the name with dots replaced by underscores. Exported as is, every sum over
 * topics (consumer lag above all) would count a dotted topic twice; this filter drops the twins of
 * the topics the monitor reads (the configured topics, and its internal topics when the application
 * id has a dot).
 */
final class LegacyTopicTwins {

    private LegacyTopicTwins() {
    }

    static MeterFilter filter(AuthwatchConfig config) {
        final Set<String> twins = Stream.of("topic.telemetry", "topic.policy", "topic.violations",
                        "topic.enforcement", "topic.dlq")
                .map(config::string).filter(t -> t.contains(".")).map(t -> t.replace('.', '_'))
                .collect(Collectors.toUnmodifiableSet());
        final String applicationId = config.string("application.id");
        final String internalTwinPrefix = applicationId.contains(".") ? applicationId.replace('.', '_') + "-" : null;
        return MeterFilter.deny(id -> isTwin(id, twins, internalTwinPrefix));
    }

    private static boolean isTwin(Meter.Id id, Set<String> twins, String internalTwinPrefix) {
        final String topic = id.getTag("topic");
        if (topic == null || !id.getName().startsWith("kafka.")) {
            return false;
        }
        return twins.contains(topic) || internalTwinPrefix != null && topic.startsWith(internalTwinPrefix);
    }
}
