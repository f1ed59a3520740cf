package io.authwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.registry.ScriptedRegistry.Answer;
import io.authwatch.telemetry.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an HTTPS registry whose self-signed certificate is trusted through a truststore. */
class HttpSchemaRegistryClientTlsTest {

    private static final String PASSWORD = "changeit-test";

    @TempDir
    static Path dir;

    private static Path keystore;
    private static Path truststore;

    @BeforeAll
    static void createCertificate() throws Exception {
        keystore = dir.resolve("registry.p12");
        truststore = dir.resolve("trust.p12");
        final Path cert = dir.resolve("registry.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", PASSWORD);
    }

    @Test
    void shouldTalkToAnHttpsRegistryTrustedThroughTheTruststore() throws Exception {
        // Given an HTTPS registry with a self-signed certificate
        try (ScriptedRegistry registry = ScriptedRegistry.https(serverContext(), r -> Answer.ok("{\"id\":5}"));
             HttpSchemaRegistryClient client = HttpSchemaRegistryClientTest.client(registry.url(), Map.of(
                     RegistryTls.TRUSTSTORE_LOCATION, truststore.toString(),
                     RegistryTls.TRUSTSTORE_PASSWORD, PASSWORD,
                     RegistryTls.TRUSTSTORE_TYPE, "PKCS12"))) {

            // When / Then
            assertThat(client.register("t-value", TelemetryEvent.getClassSchema())).isEqualTo(5);
        }
    }

    @Test
    void shouldRefuseAnHttpsRegistryWhoseCertificateIsNotTrusted() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.https(serverContext(), r -> Answer.ok("{\"id\":5}"));
             HttpSchemaRegistryClient client = HttpSchemaRegistryClientTest.client(registry.url(),
                     Map.of(RegistryClientSettings.MAX_RETRIES, "0"))) {

            assertThatThrownBy(() -> client.register("t-value", TelemetryEvent.getClassSchema()))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("cannot reach " + registry.url());
            assertThat(registry.requests()).isEmpty();
        }
    }

    @Test
    void shouldNameTheTruststoreKeyWhenTheStoreCannotBeRead() {
        assertThatThrownBy(() -> RegistryTls.sslContext(Map.of(RegistryTls.TRUSTSTORE_LOCATION,
                dir.resolve("missing.p12").toString(), RegistryTls.TRUSTSTORE_PASSWORD, PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RegistryTls.TRUSTSTORE_LOCATION)
                .hasMessageNotContaining(PASSWORD);
    }

    private static SSLContext serverContext() {
        return RegistryTls.sslContext(Map.of(RegistryTls.KEYSTORE_LOCATION, keystore.toString(),
                RegistryTls.KEYSTORE_PASSWORD, PASSWORD, RegistryTls.KEYSTORE_TYPE, "PKCS12"));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        final List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
