package io.authwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.config.ConfigException;
import io.authwatch.registry.ScriptedRegistry.Answer;
import io.authwatch.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's registry client keys, written in an authwatch properties file under their usual names,
 * reach a real HTTP registry with the meaning Confluent's client gives them; wrong ones fail when the
 * configuration loads, naming the key.
 */
class ConfluentRegistryKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldSendBasicAuthFromTheNamespacedUserInfoKeys() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":1}"))) {
            // Given the keys of a Confluent Cloud client config
            final AuthwatchConfig config = load(registry,
                    "schema.registry.basic.auth.credentials.source=USER_INFO",
                    "schema.registry.basic.auth.user.info=SRKEY:sr-secret");

            // When the monitor's serde registers a schema
            register(config);

            // Then the request carried those credentials
            assertThat(registry.requests().get(0).authorization()).isEqualTo(basic("SRKEY:sr-secret"));
        }
    }

    @Test
    void shouldInheritTheKafkaClientsSaslPlainCredentialsWhenTheSourceIsSaslInherit() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":1}"))) {
            final AuthwatchConfig config = load(registry,
                    "schema.registry.basic.auth.credentials.source=SASL_INHERIT",
                    "kafka.sasl.mechanism=PLAIN",
                    "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                            + "username=\"APIKEY\" password=\"api\\\\\"secret\";");

            register(config);

            assertThat(registry.requests().get(0).authorization()).isEqualTo(basic("APIKEY:api\"secret"));
        }
    }

    @Test
    void shouldIgnoreTheUserInfoWhenTheSourceIsUrlAsConfluentsClientDoes() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":1}"))) {
            final AuthwatchConfig config = load(registry,
                    "schema.registry.basic.auth.credentials.source=URL",
                    "schema.registry.basic.auth.user.info=SRKEY:sr-secret");

            register(config);

            assertThat(registry.requests().get(0).authorization()).isNull();
        }
    }

    @Test
    void shouldSendAStaticBearerTokenWithConfluentCloudsClusterAndPoolHeaders() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":1}"))) {
            final AuthwatchConfig config = load(registry,
                    "bearer.auth.credentials.source=STATIC_TOKEN",
                    "bearer.auth.token=eyJ-token",
                    "bearer.auth.logical.cluster=lsrc-abc123",
                    "bearer.auth.identity.pool.id=pool-XyZ");

            register(config);

            final ScriptedRegistry.Request request = registry.requests().get(0);
            assertThat(request.authorization()).isEqualTo("Bearer eyJ-token");
            assertThat(request.headers()).containsEntry("target-sr-cluster", "lsrc-abc123")
                    .containsEntry("confluent-identity-pool-id", "pool-XyZ");
        }
    }

    @Test
    void shouldTakeTheBearerTokenFromItsEnvironmentVariableAndNeverShowIt() {
        final AuthwatchConfig config = AuthwatchConfig.load(null, Map.of(
                "AUTHWATCH_SCHEMA_REGISTRY_URL", "https://psrc-1.region.cloud:443",
                "AUTHWATCH_BEARER_AUTH_CREDENTIALS_SOURCE", "STATIC_TOKEN",
                "AUTHWATCH_BEARER_AUTH_TOKEN", "eyJ-secret-token"));

        assertThat(config.string("bearer.auth.token")).isEqualTo("eyJ-secret-token");
        assertThat(config.redacted().toString()).doesNotContain("eyJ-secret-token");
    }

    @Test
    void shouldRefuseBasicAndBearerSourcesTogetherWhenTheConfigLoads() throws IOException {
        assertThatThrownBy(() -> AuthwatchConfig.load(file("schema.registry.url=https://registry:8081",
                "schema.registry.basic.auth.credentials.source=USER_INFO",
                "schema.registry.basic.auth.user.info=a:b",
                "bearer.auth.credentials.source=STATIC_TOKEN",
                "bearer.auth.token=t"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only one of 'basic.auth.credentials.source' and 'bearer.auth.credentials.source'");
    }

    @Test
    void shouldRefuseAnOauthBearerSourceByNameWhenTheConfigLoads() throws IOException {
        assertThatThrownBy(() -> AuthwatchConfig.load(file("schema.registry.url=https://registry:8081",
                "bearer.auth.credentials.source=OAUTHBEARER"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("bearer.auth.credentials.source"))
                .hasMessageContaining("'OAUTHBEARER' is not supported by authwatch's registry client");
    }

    @Test
    void shouldNameTheTruststoreKeyWhenItsFileCannotBeReadAtLoad() throws IOException {
        final Path missing = dir.resolve("absent.p12");

        assertThatThrownBy(() -> AuthwatchConfig.load(file("schema.registry.url=https://registry:8081",
                "schema.registry.ssl.truststore.location=" + missing,
                "schema.registry.ssl.truststore.password=changeit"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("schema.registry.ssl.truststore.location"))
                .hasMessageContaining(missing.toString())
                .hasMessageNotContaining("changeit");
    }

    @Test
    void shouldRefuseTurningOffHostNameChecks() throws IOException {
        assertThatCode(() -> AuthwatchConfig.load(file("schema.registry.url=https://registry:8081",
                "schema.registry.ssl.endpoint.identification.algorithm=https"), Map.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AuthwatchConfig.load(file("schema.registry.url=https://registry:8081",
                "schema.registry.ssl.endpoint.identification.algorithm=none"), Map.of()))
                .hasMessageContaining("'schema.registry.ssl.endpoint.identification.algorithm'");
    }

    private AuthwatchConfig load(ScriptedRegistry registry, String... lines) throws IOException {
        final String[] all = new String[lines.length + 1];
        all[0] = "schema.registry.url=" + registry.url();
        System.arraycopy(lines, 0, all, 1, lines.length);
        return AuthwatchConfig.load(file(all), Map.of());
    }

    private Path file(String... lines) throws IOException {
        final Path f = Files.createTempFile(dir, "authwatch", ".properties");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    /** What the monitor's serdes do first: register the telemetry schema under its subject. */
    private static void register(AuthwatchConfig config) {
        try (SchemaRegistryClient client = SchemaRegistries.fromConfig(Topics.serdeConfig(config))) {
            client.register("miniapp.telemetry.v1-value", io.authwatch.telemetry.TelemetryEvent.getClassSchema());
        }
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
