package io.authwatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (also spoken by
 * Karapace, Redpanda, Apicurio's compatibility API and the dev registry), with the JDK HTTP client.
 *
 * <p>Ids are immutable in such a registry, so the schema-to-id and id-to-schema answers are cached
 * for the life of the client; the latest version of a subject is never cached. Failures raise a
 * {@link SchemaRegistryException} naming the subject or id and the registry URL, with the HTTP
 * status and Confluent's {@code error_code} (40401 subject not found, 40402 version not found,
 * 40403 schema not found, 409 incompatible, 42201 invalid schema…). See
 * {@link RegistryClientSettings} for the config keys (URLs, timeouts, retries, basic auth, TLS).
 *
 * <p>Only Avro schemas without references are supported, which is all authwatch uses.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientSettings settings;
    private final RegistryTransport transport;
    private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A client with {@code settings}. */
    public HttpSchemaRegistryClient(RegistryClientSettings settings) {
        this.settings = settings;
        this.transport = new RegistryTransport(settings, JSON);
    }

    /** A client configured from a serde config (Confluent's keys, see {@link RegistryClientSettings}). */
    public static HttpSchemaRegistryClient fromConfig(Map<String, ?> configs) {
        return new HttpSchemaRegistryClient(RegistryClientSettings.fromConfig(configs));
    }

    /** The settings this client runs with (their {@code toString} hides the credentials). */
    public RegistryClientSettings settings() {
        return settings;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idFor(subject, schema, "/subjects/" + encode(subject) + "/versions",
                "registering a schema under subject '" + subject + "'");
    }

    @Override
    public int getId(String subject, Schema schema) {
        return idFor(subject, schema, "/subjects/" + encode(subject),
                "looking up a schema under subject '" + subject + "'");
    }

    @Override
    public Schema getById(int id) {
        final Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        final String what = "fetching schema id " + id;
        final Schema schema = parse(call("GET", "/schemas/ids/" + id, null, what), what);
        final Schema raced = schemaById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        final String what = "fetching the latest version of subject '" + subject + "'";
        final JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null, what);
        final int id = requireInt(answer, "id", what);
        final Schema schema = parse(answer, what);
        schemaById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, requireInt(answer, "version", what), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        final String what = "checking compatibility with subject '" + subject + "'";
        try {
            final JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    body(schema), what);
            if (!answer.path("is_compatible").isBoolean()) {
                throw new SchemaRegistryException(what + ": the answer has no 'is_compatible' ("
                        + settings.urls() + ")", -1, -1);
            }
            return answer.get("is_compatible").asBoolean();
        } catch (SchemaRegistryException e) {
            // nothing registered yet (some registries answer 404 rather than true): nothing to break
            if (e.errorCode() == 40401 || e.errorCode() == 40402) {
                return true;
            }
            throw e;
        }
    }

    /** Forgets the caches; later calls fail. The JDK 17 HTTP client frees its resources once unreachable. */
    @Override
    public void close() {
        closed = true;
        idBySubjectSchema.clear();
        schemaById.clear();
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient" + settings.urls();
    }

    // No lock is held during the call: a retried call must not stall callers asking for other keys.
    private int idFor(String subject, Schema schema, String path, String what) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final int id = requireInt(call("POST", path, body(schema), what), "id", what);
        idBySubjectSchema.put(key, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    private JsonNode call(String method, String path, JsonNode body, String what) {
        if (closed) {
            throw new IllegalStateException(what + ": the schema registry client for " + settings.urls()
                    + " is closed");
        }
        return transport.send(method, path, body, what);
    }

    /** Confluent's register/lookup body; {@code schemaType} is left out, AVRO being the default. */
    private static JsonNode body(Schema schema) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private Schema parse(JsonNode answer, String what) {
        final String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(what + ": " + settings.urls() + " gave a " + type
                    + " schema, but only AVRO is supported", -1, -1);
        }
        if (answer.path("references").size() > 0) {
            throw new SchemaRegistryException(what + ": " + settings.urls()
                    + " gave a schema with references, which are not supported", -1, -1);
        }
        if (!answer.path("schema").isTextual()) {
            throw new SchemaRegistryException(what + ": the answer of " + settings.urls() + " has no 'schema'", -1, -1);
        }
        try {
            return new Schema.Parser().parse(answer.get("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(what + ": " + settings.urls() + " gave a schema that is not valid Avro: "
                    + e.getMessage(), -1, -1, e);
        }
    }

    private int requireInt(JsonNode answer, String field, String what) {
        if (!answer.path(field).canConvertToInt() || !answer.path(field).isIntegralNumber()) {
            throw new SchemaRegistryException(what + ": the answer of " + settings.urls() + " has no integer '"
                    + field + "': " + answer, -1, -1);
        }
        return answer.get(field).asInt();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
