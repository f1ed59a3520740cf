package io.authwatch.topology;

import static io.authwatch.telemetry.PromptTrigger.PAGE_LOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.fixtures.DetectionDriver;
import io.authwatch.fixtures.Telemetry;
import io.authwatch.registry.MockSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry settings an operator may choose for the contract's topics ({@code auto.register.schemas=false}
 * against subjects registered beforehand, or {@code use.latest.version=true}) concern those topics only:
 * authwatch's internal repartition and changelog topics still work, with subjects nobody registered
 * beforehand.
 */
class RegistrySettingsTest {

    private static final String HOME = "pages/index/index";

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auto.register.schemas=false", "use.latest.version=true"})
    void shouldDetectAndEnforceWithOnlyTheContractsSubjectsRegistered(String setting) {
        final String[] kv = setting.split("=");
        try (DetectionDriver driver = new DetectionDriver(stateDir, Map.of(kv[0], kv[1]), new Properties())) {
            // Given an operator registered the contract's four .avsc schemas under their topics' subjects,
            // and nothing else
            final MockSchemaRegistry registry = MockSchemaRegistry.forScope(
                    driver.config().string("schema.registry.url").substring("mock://".length()));
            final Topics topics = driver.topics();
            final Schema.Parser avsc = new Schema.Parser();
            registry.register(topics.telemetry().name() + "-value", contract(avsc, "TelemetryEvent"));
            registry.register(topics.policy().name() + "-value", contract(avsc, "AppPathPolicy"));
            registry.register(topics.violations().name() + "-value", contract(avsc, "Violation"));
            registry.register(topics.enforcement().name() + "-value", contract(avsc, "EnforcementAction"));

            // When five users get a phone popup on the first screen
            for (int i = 0; i < 5; i++) {
                driver.pipe(Telemetry.session("wx-registry", "user-" + i, "s" + i)
                        .at(Telemetry.T0.plus(Duration.ofMinutes(i))).launch(HOME).page(HOME)
                        .prompt("p" + i, HOME, PAGE_LOAD));
            }

            // Then the violations and the WARNING are written
            assertThat(driver.violations()).hasSize(5);
            assertThat(driver.driver().createOutputTopic(topics.enforcement().name(), Serdes.String().deserializer(),
                    topics.enforcement().valueSerde().deserializer()).readValuesToList())
                    .extracting(EnforcementAction::getAction).containsExactly(EnforcementKind.WARNING);
        }
    }

    /** The contract's schema as the schemas module's .avsc file has it (what an operator registers). */
    private static Schema contract(Schema.Parser parser, String name) {
        try {
            return parser.parse(Files.readString(Path.of("..", "schemas", "src", "main", "avro", name + ".avsc")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
