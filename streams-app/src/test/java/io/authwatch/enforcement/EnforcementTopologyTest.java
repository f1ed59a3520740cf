package io.authwatch.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape of the sub-topology: one named repartition, every processor and store named. */
class EnforcementTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldNameEveryProcessorAndStore() {
        try (EnforcementDriver driver = new EnforcementDriver(stateDir)) {
            final String description = driver.topology().describe().toString();
            // Then no generated names, which would change with the next refactor and orphan state
            assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
            assertThat(description).contains(EnforcementTopology.ENFORCE_PROCESSOR);
            assertThat(Set.of(EnforcementStores.names())).allSatisfy(store -> assertThat(description).contains(store));
        }
    }

    @Test
    void shouldRepartitionOnceThroughTheNamedSignalsTopic() {
        try (EnforcementDriver driver = new EnforcementDriver(stateDir)) {
            final Set<String> sinks = driver.topology().describe().subtopologies().stream()
                    .flatMap(s -> s.nodes().stream())
                    .filter(TopologyDescription.Sink.class::isInstance)
                    .map(n -> ((TopologyDescription.Sink) n).topic())
                    .collect(Collectors.toSet());
            assertThat(sinks).filteredOn(t -> t.endsWith("-repartition"))
                    .containsExactly("enforcement-signals-repartition");
        }
    }

    @Test
    void shouldRejectABadThresholdNamingItsKey() {
        final AuthwatchConfig config = AuthwatchConfig.of(Map.of("enforce.restrict.min-rate", "1.5"));
        assertThatThrownBy(() -> EnforcementSettings.from(config))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enforce.restrict.min-rate");
    }

    @Test
    void shouldRejectAWindowThatDoesNotTileADay() {
        final AuthwatchConfig config = AuthwatchConfig.of(Map.of("enforce.window", "PT7H"));
        assertThatThrownBy(() -> EnforcementSettings.from(config))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enforce.window");
    }
}
