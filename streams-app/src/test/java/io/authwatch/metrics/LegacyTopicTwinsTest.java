package io.authwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyTopicTwinsTest {

    @Test
    void shouldDropTheUnderscoreTwinsOfDottedTopicsOnly() {
        // Given the consumer's lag registered under each topic's name and under its legacy twin
        final AuthwatchConfig config = AuthwatchConfig.of(Map.of("application.id", "authwatch.prod"));
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(LegacyTopicTwins.filter(config));
        for (final String topic : new String[] {"miniapp.telemetry.v1", "miniapp_telemetry_v1",
            "authwatch.prod-enforcement-signals-repartition", "authwatch_prod-enforcement-signals-repartition",
            "some_other_topic"}) {
            Gauge.builder("kafka.consumer.fetch.manager.records.lag", () -> 1.0).tag("topic", topic).register(registry);
        }
        Gauge.builder("authwatch.own", () -> 1.0).tag("topic", "miniapp_telemetry_v1").register(registry);

        // Then one series per real topic is left, and meters outside Kafka's are untouched
        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauges())
                .extracting(g -> g.getId().getTag("topic"))
                .containsExactlyInAnyOrder("miniapp.telemetry.v1", "authwatch.prod-enforcement-signals-repartition",
                        "some_other_topic");
        assertThat(registry.find("authwatch.own").gauges()).hasSize(1);
    }
}
