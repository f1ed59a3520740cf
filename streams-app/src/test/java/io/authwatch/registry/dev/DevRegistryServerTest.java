package io.authwatch.registry.dev;

import static io.authwatch.registry.dev.RestCalls.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.registry.HttpSchemaRegistryClient;
import io.authwatch.registry.SchemaRegistries;
import io.authwatch.registry.SchemaRegistryClient;
import io.authwatch.registry.SchemaRegistryException;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Violation;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dev registry over real HTTP, with raw REST calls and with authwatch's client. */
class DevRegistryServerTest {

    private static final String SUBJECT = "miniapp.telemetry.v1-value";
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String V2_OPTIONAL = "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    private static final String V2_REQUIRED = "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\"}]}";

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private DevRegistryServer server = DevRegistryServer.start("127.0.0.1", 0, store);
    private final RestCalls rest = new RestCalls(server.url());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldGiveOneGlobalIdPerSchemaWhateverTheWhitespaceOrSubject() {
        // Given a schema registered under one subject
        final int id = rest.post("/subjects/a-value/versions", schemaBody(V1)).json().get("id").asInt();

        // When the same schema, reformatted, is registered again and under another subject
        final String reformatted = V1.replace(",", " ,\n  ");
        final int again = rest.post("/subjects/a-value/versions", schemaBody(reformatted)).json().get("id").asInt();
        final int other = rest.post("/subjects/b-value/versions", schemaBody(reformatted)).json().get("id").asInt();

        // Then it keeps its id, and the first subject still has one version
        assertThat(again).isEqualTo(id);
        assertThat(other).isEqualTo(id);
        assertThat(rest.get("/subjects/a-value/versions").body()).isEqualTo("[1]");
        assertThat(rest.get("/subjects").body()).isEqualTo("[\"a-value\",\"b-value\"]");
    }

    @Test
    void shouldServeVersionsLatestAndRawSchemas() {
        // Given two compatible versions
        final int id1 = rest.post("/subjects/s/versions", schemaBody(V1)).json().get("id").asInt();
        final int id2 = rest.post("/subjects/s/versions", schemaBody(V2_OPTIONAL)).json().get("id").asInt();

        // Then
        assertThat(id2).isNotEqualTo(id1);
        final var latest = rest.get("/subjects/s/versions/latest").json();
        assertThat(latest.get("subject").asText()).isEqualTo("s");
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(id2);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(V2_OPTIONAL));
        assertThat(rest.get("/subjects/s/versions/1").json().get("id").asInt()).isEqualTo(id1);
        assertThat(rest.get("/subjects/s/versions/-1").json().get("version").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(rest.get("/subjects/s/versions/1/schema").body()))
                .isEqualTo(new Schema.Parser().parse(V1));
        assertThat(new Schema.Parser().parse(rest.get("/schemas/ids/" + id1 + "/schema").body()))
                .isEqualTo(new Schema.Parser().parse(V1));
        assertThat(rest.get("/schemas/ids/" + id2 + "/versions").body()).isEqualTo("[{\"subject\":\"s\",\"version\":2}]");
        assertThat(rest.get("/schemas/ids/" + id2 + "/subjects").body()).isEqualTo("[\"s\"]");
        assertThat(rest.get("/schemas/ids/" + id1 + "?subject=s").json().get("schema").asText())
                .isEqualTo(new Schema.Parser().parse(V1).toString());
    }

    @Test
    void shouldLookUpASchemaUnderASubject() {
        rest.post("/subjects/s/versions", schemaBody(V1));

        final var found = rest.post("/subjects/s?normalize=false", schemaBody(V1)).json();
        final var missing = rest.post("/subjects/s", schemaBody(V2_OPTIONAL));
        final var noSubject = rest.post("/subjects/nope", schemaBody(V1));

        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("subject").asText()).isEqualTo("s");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error_code").asInt()).isEqualTo(40403);
        assertThat(noSubject.json().get("error_code").asInt()).isEqualTo(40401);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaUnderTheDefaultBackwardLevel() {
        // Given
        rest.post("/subjects/s/versions", schemaBody(V1));

        // When a new required field (new readers cannot read old data) is registered
        final RestCalls.Reply reply = rest.post("/subjects/s/versions", schemaBody(V2_REQUIRED));

        // Then 409 with Confluent's error code, naming the problem
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("error_code").asInt()).isEqualTo(409);
        assertThat(reply.json().get("message").asText()).contains("incompatible").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(rest.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldFollowTheSubjectsCompatibilityLevel() {
        rest.post("/subjects/s/versions", schemaBody(V1));

        final RestCalls.Reply set = rest.put("/config/s", "{\"compatibility\":\"NONE\"}");
        final RestCalls.Reply registered = rest.post("/subjects/s/versions", schemaBody(V2_REQUIRED));

        assertThat(set.json().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(rest.get("/config/s").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(rest.get("/config/other").json().get("error_code").asInt()).isEqualTo(40408);
        assertThat(rest.get("/config/other?defaultToGlobal=true").json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        assertThat(rest.put("/config", "{\"compatibility\":\"SIDEWAYS\"}").json().get("error_code").asInt())
                .isEqualTo(42203);
    }

    @Test
    void shouldTestCompatibilityAgainstAVersion() {
        rest.post("/subjects/s/versions", schemaBody(V1));

        final var compatible = rest.post("/compatibility/subjects/s/versions/latest", schemaBody(V2_OPTIONAL)).json();
        final var incompatible = rest.post("/compatibility/subjects/s/versions/1?verbose=true",
                schemaBody(V2_REQUIRED)).json();
        final var unknownSubject = rest.post("/compatibility/subjects/new/versions/latest", schemaBody(V1)).json();

        assertThat(compatible.get("is_compatible").asBoolean()).isTrue();
        assertThat(incompatible.get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(unknownSubject.get("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void shouldAnswerWithConfluentErrorCodes() {
        rest.post("/subjects/s/versions", schemaBody(V1));

        assertThat(rest.get("/subjects/none/versions/latest").json().get("error_code").asInt()).isEqualTo(40401);
        assertThat(rest.get("/subjects/s/versions/7").json().get("error_code").asInt()).isEqualTo(40402);
        assertThat(rest.get("/schemas/ids/999").json().get("error_code").asInt()).isEqualTo(40403);
        assertThat(rest.get("/subjects/s/versions/zero").json().get("error_code").asInt()).isEqualTo(42202);
        assertThat(rest.post("/subjects/s/versions", schemaBody("{\"type\":\"nonsense\"}")).json()
                .get("error_code").asInt()).isEqualTo(42201);
        assertThat(rest.post("/subjects/s/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}").json()
                .get("error_code").asInt()).isEqualTo(42201);
        final RestCalls.Reply unknownPath = rest.get("/nowhere");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.json().get("error_code").asInt()).isEqualTo(404);
        assertThat(rest.put("/subjects/s/versions", schemaBody(V1)).status()).isEqualTo(405);
    }

    @Test
    void shouldSoftDeleteASubjectAndKeepItsIdsResolvable() {
        final int id = rest.post("/subjects/s/versions", schemaBody(V1)).json().get("id").asInt();

        final RestCalls.Reply deleted = rest.delete("/subjects/s");

        assertThat(deleted.body()).isEqualTo("[1]");
        assertThat(rest.get("/subjects").body()).isEqualTo("[]");
        assertThat(rest.get("/subjects?deleted=true").body()).isEqualTo("[\"s\"]");
        assertThat(rest.get("/subjects/s/versions").json().get("error_code").asInt()).isEqualTo(40401);
        assertThat(rest.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(rest.delete("/subjects/s?permanent=true").status()).isEqualTo(422);
        // registering again gives a new version with the same id
        assertThat(rest.post("/subjects/s/versions", schemaBody(V1)).json().get("id").asInt()).isEqualTo(id);
        assertThat(rest.get("/subjects/s/versions").body()).isEqualTo("[2]");
    }

    @Test
    void shouldKeepIdsAndVersionsAcrossARestartOnTheSameStore() {
        // Given registrations and a config change
        final int id1 = rest.post("/subjects/s/versions", schemaBody(V1)).json().get("id").asInt();
        final int id2 = rest.post("/subjects/s/versions", schemaBody(V2_OPTIONAL)).json().get("id").asInt();
        rest.put("/config/s", "{\"compatibility\":\"FULL\"}");

        // When the registry restarts on the same store
        server.close();
        server = DevRegistryServer.start("127.0.0.1", 0, store);
        final RestCalls restarted = new RestCalls(server.url());

        // Then it has the same state, and new ids continue after the old ones
        assertThat(restarted.get("/subjects/s/versions/latest").json().get("id").asInt()).isEqualTo(id2);
        assertThat(restarted.get("/schemas/ids/" + id1).status()).isEqualTo(200);
        assertThat(restarted.get("/config/s").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
        final int id3 = restarted.post("/subjects/other/versions", schemaBody(V2_REQUIRED)).json().get("id").asInt();
        assertThat(id3).isGreaterThan(Math.max(id1, id2));
    }

    @Test
    void shouldServeAuthwatchsOwnClient() {
        try (SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of(SchemaRegistries.URL, server.url()))) {
            assertThat(client).isInstanceOf(HttpSchemaRegistryClient.class);
            final Schema schema = TelemetryEvent.getClassSchema();

            final int id = client.register(SUBJECT, schema);

            assertThat(client.getId(SUBJECT, schema)).isEqualTo(id);
            assertThat(client.getLatest(SUBJECT)).isEqualTo(new SchemaRegistryClient.RegisteredSchema(SUBJECT, 1, id, schema));
            assertThat(client.isCompatible(SUBJECT, schema)).isTrue();
            assertThat(client.isCompatible(SUBJECT, Violation.getClassSchema())).isFalse();
            assertThatThrownBy(() -> client.getId(SUBJECT, Violation.getClassSchema()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        }
        try (SchemaRegistryClient fresh = SchemaRegistries.fromConfig(Map.of(SchemaRegistries.URL, server.url()))) {
            assertThat(fresh.getById(1)).isEqualTo(TelemetryEvent.getClassSchema());
        }
    }
}
