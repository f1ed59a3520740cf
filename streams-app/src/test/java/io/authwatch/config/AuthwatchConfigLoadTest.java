package io.authwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthwatchConfigLoadTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        final Path f = dir.resolve("authwatch.properties");
        Files.writeString(f, String.join("\n", lines), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void shouldLetTheFileOverrideDefaultsAndTheEnvironmentOverrideTheFile() throws IOException {
        // Given a file setting two keys and the environment setting one of them again
        final Path f = file("topic.telemetry=from-file", "rule.session-quiet=PT5S");
        final Map<String, String> env = Map.of("AUTHWATCH_TOPIC_TELEMETRY", "from-env", "PATH", "/bin");

        // When the configuration is loaded
        final AuthwatchConfig config = AuthwatchConfig.load(f, env);

        // Then the environment wins over the file, the file over the defaults
        assertThat(config.string("topic.telemetry")).isEqualTo("from-env");
        assertThat(config.duration("rule.session-quiet")).hasSeconds(5);
        assertThat(config.string("topic.violations")).isEqualTo("authwatch.violations.v1");
    }

    @Test
    void shouldMapDashedKeysBackFromTheirEnvironmentVariable() {
        final AuthwatchConfig config = AuthwatchConfig.load(null,
                Map.of("AUTHWATCH_RULE_REPROMPT_COOLDOWN", "PT1H", "AUTHWATCH_USER_REF_SECRET", "s3cret"));

        assertThat(config.duration("rule.reprompt.cooldown")).hasHours(1);
        assertThat(config.string("user-ref.secret")).isEqualTo("s3cret");
    }

    @Test
    void shouldMapKafkaVariablesToThePassThroughKeys() {
        final AuthwatchConfig config = AuthwatchConfig.load(null, Map.of(
                "AUTHWATCH_KAFKA_SASL_JAAS_CONFIG", "jaas", "AUTHWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));

        assertThat(config.kafkaPassThrough())
                .containsEntry("sasl.jaas.config", "jaas")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void shouldGiveEveryKnownKeyItsOwnEnvironmentVariable() {
        final Set<String> names = new HashSet<>();
        Defaults.VALUES.keySet().forEach(k -> assertThat(names.add(EnvironmentVariables.nameOf(k)))
                .as("variable of %s", k).isTrue());
        assertThat(EnvironmentVariables.nameOf("topic.telemetry")).isEqualTo("AUTHWATCH_TOPIC_TELEMETRY");
    }

    @Test
    void shouldRejectAnUnknownEnvironmentVariableNamingIt() {
        assertThatThrownBy(() -> AuthwatchConfig.load(null, Map.of("AUTHWATCH_TOPIC_TELEMTRY", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTHWATCH_TOPIC_TELEMTRY");
    }

    @Test
    void shouldRejectAnUnknownKeyInTheFileNamingKeyAndFile() throws IOException {
        final Path f = file("rule.sesion-quiet=PT5S");

        assertThatThrownBy(() -> AuthwatchConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'rule.sesion-quiet'")
                .hasMessageContaining(f.toString());
    }

    @Test
    void shouldRejectAKeySetTwiceInTheFile() throws IOException {
        final Path f = file("topic.dlq=a", "topic.dlq=b");

        assertThatThrownBy(() -> AuthwatchConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'topic.dlq'")
                .hasMessageContaining("set twice");
    }

    @Test
    void shouldNameTheKeyValueAndVariableOfABadDuration() {
        assertThatThrownBy(() -> AuthwatchConfig.load(null, Map.of("AUTHWATCH_RULE_FORCED_WINDOW", "30s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'rule.forced-window' = '30s'")
                .hasMessageContaining("ISO-8601 duration")
                .hasMessageContaining("AUTHWATCH_RULE_FORCED_WINDOW");
    }

    @Test
    void shouldReportAnUnknownKeyABadValueAndAnUnknownVariableTogether() throws IOException {
        // Given three mistakes in two layers
        final Path f = file("rule.sesion-quiet=PT5S", "dedup.window=PT0S");
        final Map<String, String> env = Map.of("AUTHWATCH_ENFORCE_WINDW", "P1D");

        // When the configuration is loaded, Then one exception names all three
        assertThatThrownBy(() -> AuthwatchConfig.load(f, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException::key)
                        .containsExactlyInAnyOrder("rule.sesion-quiet", "dedup.window", "AUTHWATCH_ENFORCE_WINDW"))
                .hasMessageStartingWith("3 configuration problems:");
    }

    @Test
    void shouldAcceptEveryEnforcementWindowThatDividesADayOrIsWholeDays() {
        for (String window : new String[] {"PT1H", "PT6H", "PT8H", "PT15M", "P1D", "P7D"}) {
            assertThat(AuthwatchConfig.load(null, Map.of("AUTHWATCH_ENFORCE_WINDOW", window))
                    .duration("enforce.window")).as(window).isPositive();
        }
        assertThatThrownBy(() -> AuthwatchConfig.load(null, Map.of("AUTHWATCH_ENFORCE_WINDOW", "PT36H")))
                .hasMessageContaining("'enforce.window' = 'PT36H'");
    }

    @Test
    void shouldRejectABadNumber() throws IOException {
        final Path f = file("enforce.warning.min-users=five");

        assertThatThrownBy(() -> AuthwatchConfig.load(f, Map.of()))
                .hasMessageContaining("'enforce.warning.min-users' = 'five'")
                .hasMessageContaining("whole number");
    }

    @Test
    void shouldRejectARateAboveOne() throws IOException {
        final Path f = file("enforce.suspend.min-rate=20");

        assertThatThrownBy(() -> AuthwatchConfig.load(f, Map.of()))
                .hasMessageContaining("'enforce.suspend.min-rate'");
    }

    @Test
    void shouldRejectARegistryUrlWithAnotherScheme() throws IOException {
        final Path f = file("schema.registry.url=localhost:8081");

        assertThatThrownBy(() -> AuthwatchConfig.load(f, Map.of()))
                .hasMessageContaining("'schema.registry.url' = 'localhost:8081'")
                .hasMessageContaining("http(s)://");
    }

    @Test
    void shouldAcceptHttpsAndMockRegistryUrls() throws IOException {
        assertThat(AuthwatchConfig.load(file("schema.registry.url=https://a:8081,https://b:8081"), Map.of())
                .string("schema.registry.url")).startsWith("https://a");
        assertThat(AuthwatchConfig.load(null, Map.of("AUTHWATCH_SCHEMA_REGISTRY_URL", "mock://t"))
                .string("schema.registry.url")).isEqualTo("mock://t");
    }

    @Test
    void shouldRejectAnUnknownProcessingGuarantee() {
        assertThatThrownBy(() -> AuthwatchConfig.load(null, Map.of("AUTHWATCH_PROCESSING_GUARANTEE", "exactly_once")))
                .hasMessageContaining("'processing.guarantee'");
    }

    @Test
    void shouldRejectAPassThroughKeyThatDuplicatesAnOwnKey() throws IOException {
        final Path f = file("kafka.bootstrap.servers=elsewhere:9092");

        assertThatThrownBy(() -> AuthwatchConfig.load(f, Map.of()))
                .hasMessageContaining("'kafka.bootstrap.servers'")
                .hasMessageContaining("set 'bootstrap.servers' instead");
    }

    @Test
    void shouldNotShowASecretValueInAnError() throws IOException {
        final Path f = file("kafka.ssl.key.password=hunter2", "kafka.=oops");

        assertThatThrownBy(() -> AuthwatchConfig.load(f, Map.of()))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldFailNamingAMissingConfigFile() {
        final Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> AuthwatchConfig.load(missing, Map.of()))
                .hasMessageContaining("--config")
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldHideSecretsAndUrlCredentialsInTheRedactedDump() throws IOException {
        final Path f = file("user-ref.secret=topsecret", "kafka.sasl.jaas.config=jaaspw",
                "kafka.ssl.truststore.password=tspw", "schema.registry.url=https://bob:pw@registry:8081");

        final Map<String, String> dump = AuthwatchConfig.load(f, Map.of()).redacted();

        assertThat(dump.toString()).doesNotContain("topsecret", "jaaspw", "tspw", "bob:pw");
        assertThat(dump).containsEntry("user-ref.secret", "[hidden]")
                .containsEntry("schema.registry.url", "https://[hidden]@registry:8081")
                .containsEntry("topic.telemetry", "miniapp.telemetry.v1");
    }
}
