package io.authwatch.registry.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authwatch.registry.dev.RegistryHttpHandler.Answer;
import io.authwatch.registry.dev.RegistryHttpHandler.Request;
import io.authwatch.registry.dev.RegistryState.Version;
import java.util.List;

/**
 * The subset of the Confluent Schema Registry REST API that Confluent's clients (Java, JavaScript)
 * and authwatch's own client use. Each method answers one endpoint; unknown paths get 404 and known
 * paths with another method 405, both in Confluent's error JSON.
 */
final class RegistryRoutes {

    private final RegistryState state;
    private final ObjectMapper json;

    RegistryRoutes(RegistryState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    Answer route(Request r) {
        final List<String> p = r.path();
        if (p.isEmpty()) {
            return only(r, "GET", () -> ok(json.createObjectNode()));
        }
        return switch (p.get(0)) {
            case "subjects" -> subjects(r, p);
            case "schemas" -> schemas(r, p);
            case "compatibility" -> compatibility(r, p);
            case "config" -> config(r, p);
            case "mode" -> only(r, "GET", () -> ok(json.createObjectNode().put("mode", "READWRITE")));
            default -> notFound();
        };
    }

    private Answer subjects(Request r, List<String> p) {
        if (p.size() == 1) {
            return only(r, "GET", () -> ok(json.valueToTree(state.subjects(r.flag("deleted")))));
        }
        final String subject = p.get(1);
        if (p.size() == 2) {
            return switch (r.method()) {
                case "POST" -> ok(version(state.lookup(subject, schemaText(r), r.flag("deleted"))));
                case "DELETE" -> deleteSubject(r, subject);
                default -> methodNotAllowed();
            };
        }
        if (!p.get(2).equals("versions") || p.size() > 5) {
            return notFound();
        }
        if (p.size() == 3) {
            return switch (r.method()) {
                case "GET" -> ok(json.valueToTree(state.versions(subject, r.flag("deleted"))));
                case "POST" -> ok(json.createObjectNode().put("id", state.register(subject, schemaText(r)).id()));
                default -> methodNotAllowed();
            };
        }
        final Version version = "GET".equals(r.method()) ? state.version(subject, p.get(3), r.flag("deleted")) : null;
        if (p.size() == 4) {
            return only(r, "GET", () -> ok(version(version)));
        }
        return p.get(4).equals("schema") ? only(r, "GET", () -> new Answer(200, version.schema())) : notFound();
    }

    private Answer deleteSubject(Request r, String subject) {
        if (r.flag("permanent")) {
            throw new RegistryError(422, 42200, "Permanent deletion is not supported by the dev registry: schema ids"
                    + " must stay resolvable for the records that carry them.");
        }
        return ok(json.valueToTree(state.deleteSubject(subject)));
    }

    private Answer schemas(Request r, List<String> p) {
        if (p.size() == 2 && p.get(1).equals("types")) {
            return only(r, "GET", () -> ok(json.valueToTree(List.of("AVRO"))));
        }
        if (p.size() < 3 || p.size() > 4 || !p.get(1).equals("ids")) {
            return notFound();
        }
        if (!"GET".equals(r.method())) {
            return methodNotAllowed();
        }
        final int id = schemaId(p.get(2));
        if (p.size() == 3) {
            return ok(json.createObjectNode().put("schema", state.schemaById(id)));
        }
        return switch (p.get(3)) {
            case "schema" -> new Answer(200, state.schemaById(id));
            case "versions" -> ok(json.valueToTree(state.versionsOfId(id).stream()
                    .map(v -> json.createObjectNode().put("subject", v.subject()).put("version", v.version())).toList()));
            case "subjects" -> ok(json.valueToTree(state.versionsOfId(id).stream().map(Version::subject).distinct().toList()));
            default -> notFound();
        };
    }

    private Answer compatibility(Request r, List<String> p) {
        if (p.size() < 4 || p.size() > 5 || !p.get(1).equals("subjects") || !p.get(3).equals("versions")) {
            return notFound();
        }
        return only(r, "POST", () -> {
            final List<String> problems = state.compatibility(p.get(2), p.size() == 5 ? p.get(4) : null, schemaText(r));
            final ObjectNode answer = json.createObjectNode().put("is_compatible", problems.isEmpty());
            if (r.flag("verbose")) {
                answer.set("messages", json.valueToTree(problems));
            }
            return ok(answer);
        });
    }

    private Answer config(Request r, List<String> p) {
        if (p.size() > 2) {
            return notFound();
        }
        final String subject = p.size() == 2 ? p.get(1) : null;
        return switch (r.method()) {
            case "GET" -> ok(level(subject == null ? state.globalLevel() : subjectLevel(subject, r.flag("defaultToGlobal"))));
            case "PUT" -> {
                final CompatibilityLevel level = CompatibilityLevel.parse(r.body() == null ? null
                        : r.body().path("compatibility").asText(null));
                if (level == null) {
                    throw RegistryError.invalidCompatibility(r.body() == null ? "null" : r.body().path("compatibility").asText());
                }
                state.setLevel(subject, level);
                yield ok(json.createObjectNode().put("compatibility", level.name()));
            }
            case "DELETE" -> {
                final CompatibilityLevel previous = subject == null ? state.globalLevel() : subjectLevel(subject, false);
                state.setLevel(subject, null);
                yield ok(level(previous));
            }
            default -> methodNotAllowed();
        };
    }

    private CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        final CompatibilityLevel own = state.subjectLevel(subject);
        if (own != null) {
            return own;
        }
        if (defaultToGlobal) {
            return state.globalLevel();
        }
        throw new RegistryError(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility"
                + " configured");
    }

    private ObjectNode level(CompatibilityLevel level) {
        return json.createObjectNode().put("compatibilityLevel", level.name());
    }

    private ObjectNode version(Version v) {
        return json.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema());
    }

    /** The Avro schema text of a register, lookup or compatibility body; other types are refused. */
    private static String schemaText(Request r) {
        final JsonNode body = r.body();
        if (body == null || !body.path("schema").isTextual()) {
            throw RegistryError.invalidSchema("the request body has no \"schema\" string");
        }
        final String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new RegistryError(422, 42201, "Invalid schema: the dev registry supports AVRO only, not " + type);
        }
        if (body.path("references").size() > 0) {
            throw new RegistryError(422, 42201, "Invalid schema: schema references are not supported by the dev registry");
        }
        return body.get("schema").asText();
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("Schema " + text + " not found");
        }
    }

    private static Answer only(Request r, String method, java.util.function.Supplier<Answer> answer) {
        return method.equals(r.method()) ? answer.get() : methodNotAllowed();
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private static Answer notFound() {
        throw new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static Answer methodNotAllowed() {
        throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
    }
}
