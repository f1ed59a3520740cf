package io.authwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.registry.ScriptedRegistry.Answer;
import io.authwatch.telemetry.TelemetryEvent;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server that answers like a Confluent registry, errors included. */
class HttpSchemaRegistryClientTest {

    private static final Schema SCHEMA = TelemetryEvent.getClassSchema();
    private static final String SUBJECT = "miniapp.telemetry.v1-value";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRegisterWithConfluentsContentTypeAndBody() throws Exception {
        // Given a registry that gives id 7
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":7}"));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            // When
            final int id = client.register(SUBJECT, SCHEMA);

            // Then: one POST to /subjects/{s}/versions with {"schema": "..."} and no schemaType (AVRO)
            assertThat(id).isEqualTo(7);
            final ScriptedRegistry.Request request = registry.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/subjects/" + SUBJECT + "/versions");
            assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(JSON.readTree(request.body()).get("schema").asText()).isEqualTo(SCHEMA.toString());
            assertThat(JSON.readTree(request.body()).has("schemaType")).isFalse();
        }
    }

    @Test
    void shouldCacheIdsAndSchemasInBothDirections() throws Exception {
        // Given
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> r.path().startsWith("/schemas/ids/")
                ? Answer.ok(JSON.createObjectNode().put("schema", SCHEMA.toString()).toString())
                : Answer.ok("{\"id\":7}"));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            // When registering twice, then fetching the registered id and another id twice
            client.register(SUBJECT, SCHEMA);
            client.register(SUBJECT, SCHEMA);
            final Schema seven = client.getById(7);
            final Schema eight = client.getById(8);
            client.getById(8);

            // Then only the first register and the first fetch of id 8 reached the registry
            assertThat(seven).isEqualTo(SCHEMA);
            assertThat(eight).isEqualTo(SCHEMA);
            assertThat(registry.requests()).extracting(ScriptedRegistry.Request::path)
                    .containsExactly("/subjects/" + SUBJECT + "/versions", "/schemas/ids/8");
        }
    }

    @Test
    void shouldNameTheSubjectAndUrlWhenTheSubjectIsNotFound() throws Exception {
        // Given a registry without the subject
        try (ScriptedRegistry registry = ScriptedRegistry.http(
                r -> Answer.error(404, 40401, "Subject '" + SUBJECT + "' not found."));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            // When / Then
            assertThatThrownBy(() -> client.getLatest(SUBJECT))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(40401);
                    })
                    .hasMessageContaining("subject '" + SUBJECT + "'")
                    .hasMessageContaining(registry.url())
                    .hasMessageContaining("error_code 40401");
            assertThat(registry.requests()).hasSize(1);
        }
    }

    @Test
    void shouldNameTheIdAndUrlWhenTheSchemaIdIsNotFound() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.error(404, 40403, "Schema 42 not found"));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            assertThatThrownBy(() -> client.getById(42))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(40403))
                    .hasMessageContaining("schema id 42")
                    .hasMessageContaining(registry.url());
        }
    }

    @Test
    void shouldReportAnIncompatibleSchemaWithError409() throws Exception {
        // Given a registry that refuses the schema as incompatible
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.error(409, 409,
                "Schema being registered is incompatible with an earlier schema for subject"));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            // When / Then: no retry, the status and code are kept
            assertThatThrownBy(() -> client.register(SUBJECT, SCHEMA))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.errorCode()).isEqualTo(409);
                    })
                    .hasMessageContaining("registering a schema under subject '" + SUBJECT + "'")
                    .hasMessageContaining("incompatible");
            assertThat(registry.requests()).hasSize(1);
        }
    }

    @Test
    void shouldRetryAfterAServerErrorAndSucceed() throws Exception {
        // Given a registry that fails once with 500, then answers
        final AtomicInteger calls = new AtomicInteger();
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> calls.getAndIncrement() == 0
                ? Answer.error(500, 50001, "Error in the backend data store")
                : Answer.ok("{\"id\":3}"));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            // When
            final int id = client.register(SUBJECT, SCHEMA);

            // Then
            assertThat(id).isEqualTo(3);
            assertThat(registry.requests()).hasSize(2);
        }
    }

    @Test
    void shouldGiveUpAfterTheConfiguredNumberOfRetries() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.error(503, 50003, "unavailable"));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of(RegistryClientSettings.MAX_RETRIES, "2"))) {

            assertThatThrownBy(() -> client.getById(5))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.status()).isEqualTo(503))
                    .hasMessageContaining("gave up after 3 attempts");
            assertThat(registry.requests()).hasSize(3);
        }
    }

    @Test
    void shouldTimeOutARegistryThatDoesNotAnswer() throws Exception {
        // Given a registry that holds every request until the test ends
        final CountDownLatch release = new CountDownLatch(1);
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.ok("{\"id\":1}");
        });
             HttpSchemaRegistryClient client = client(registry.url(), Map.of(
                     RegistryClientSettings.READ_TIMEOUT_MS, "300", RegistryClientSettings.MAX_RETRIES, "1"))) {

            // When / Then: each attempt times out, and the error says so
            final long start = System.nanoTime();
            assertThatThrownBy(() -> client.getById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(-1))
                    .hasMessageContaining("did not answer")
                    .hasMessageContaining("schema id 1")
                    .hasMessageContaining("gave up after 2 attempts");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
            assertThat(registry.requests()).hasSize(2);
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldTryTheNextUrlWhenOneCannotBeReached() throws Exception {
        // Given a first URL where nothing listens, and a working second one
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":11}"));
             HttpSchemaRegistryClient client = client("http://127.0.0.1:" + closedPort + "," + registry.url(),
                     Map.of(RegistryClientSettings.MAX_RETRIES, "0"))) {

            // When / Then
            assertThat(client.register(SUBJECT, SCHEMA)).isEqualTo(11);
        }
    }

    @Test
    void shouldSendBasicAuthAndNeverShowThePassword() throws Exception {
        // Given credentials in basic.auth.user.info, and a registry that refuses them
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.error(401, 401, "Unauthorized"));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of(
                     RegistryClientSettings.CREDENTIALS_SOURCE, "USER_INFO",
                     RegistryClientSettings.USER_INFO, "authwatch:s3cr3t-pw"))) {

            // When
            final Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> client.getById(1));

            // Then the header was sent, and neither the error nor the settings show the password
            assertThat(registry.requests().get(0).authorization()).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("authwatch:s3cr3t-pw".getBytes(StandardCharsets.UTF_8)));
            assertThat(failure).isInstanceOf(SchemaRegistryException.class).hasMessageContaining("401");
            assertThat(failure.getMessage()).doesNotContain("s3cr3t");
            assertThat(client.settings().toString()).doesNotContain("s3cr3t").doesNotContain(
                    Base64.getEncoder().encodeToString("authwatch:s3cr3t-pw".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void shouldTakeCredentialsFromTheUrlWhenTheSourceIsUrl() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":2}"))) {
            final String withUser = registry.url().replace("http://", "http://ops:pw%40x@");
            try (HttpSchemaRegistryClient client = client(withUser, Map.of())) {

                client.register(SUBJECT, SCHEMA);

                assertThat(registry.requests().get(0).authorization()).isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("ops:pw@x".getBytes(StandardCharsets.UTF_8)));
                assertThat(client.toString()).doesNotContain("pw");
            }
        }
    }

    @Test
    void shouldTreatCompatibilityWithAMissingSubjectAsCompatible() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> r.path().endsWith("/other/versions/latest")
                ? Answer.ok("{\"is_compatible\":false}")
                : Answer.error(404, 40401, "Subject not found."));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            assertThat(client.isCompatible(SUBJECT, SCHEMA)).isTrue();
            assertThat(client.isCompatible("other", SCHEMA)).isFalse();
            assertThat(registry.requests()).extracting(ScriptedRegistry.Request::path).containsExactly(
                    "/compatibility/subjects/" + SUBJECT + "/versions/latest",
                    "/compatibility/subjects/other/versions/latest");
        }
    }

    @Test
    void shouldReadTheLatestVersionOfASubject() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok(JSON.createObjectNode()
                .put("subject", SUBJECT).put("version", 4).put("id", 21).put("schema", SCHEMA.toString()).toString()));
             HttpSchemaRegistryClient client = client(registry.url(), Map.of())) {

            final SchemaRegistryClient.RegisteredSchema latest = client.getLatest(SUBJECT);

            assertThat(latest).isEqualTo(new SchemaRegistryClient.RegisteredSchema(SUBJECT, 4, 21, SCHEMA));
            assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/" + SUBJECT + "/versions/latest");
        }
    }

    @Test
    void shouldRefuseCallsAfterClose() throws Exception {
        try (ScriptedRegistry registry = ScriptedRegistry.http(r -> Answer.ok("{\"id\":2}"))) {
            final HttpSchemaRegistryClient client = client(registry.url(), Map.of());
            client.close();

            assertThatThrownBy(() -> client.register(SUBJECT, SCHEMA)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(registry.requests()).isEmpty();
        }
    }

    @Test
    void shouldCreateTheHttpClientFromSchemaRegistriesForHttpUrls() {
        final SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of(SchemaRegistries.URL,
                "http://127.0.0.1:1, https://127.0.0.1:2"));

        assertThat(client).isInstanceOf(HttpSchemaRegistryClient.class);
        assertThat(((HttpSchemaRegistryClient) client).settings().urls()).extracting(Object::toString)
                .containsExactly("http://127.0.0.1:1", "https://127.0.0.1:2");
        client.close();
    }

    @Test
    void shouldRejectAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> SchemaRegistries.fromConfig(Map.of(SchemaRegistries.URL, "ftp://registry:21")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }

    static HttpSchemaRegistryClient client(String url, Map<String, String> extra) {
        final Map<String, String> config = new HashMap<>();
        config.put(SchemaRegistries.URL, url);
        config.put(RegistryClientSettings.RETRIES_WAIT_MS, "10");
        config.put(RegistryClientSettings.CONNECT_TIMEOUT_MS, "2000");
        config.put(RegistryClientSettings.READ_TIMEOUT_MS, "5000");
        config.putAll(extra);
        return HttpSchemaRegistryClient.fromConfig(config);
    }
}
