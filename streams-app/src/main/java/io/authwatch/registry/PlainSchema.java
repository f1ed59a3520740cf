package io.authwatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The schema authwatch registers for a generated class: the class's schema without the properties
 * the Java code generator adds ({@code avro.java.string}), so that it is the contract's {@code .avsc}
 * as any other client parses it. Confluent's registry compares schema text, properties included:
 * the plain schema is the one an operator or a producer in another language registered, so lookups
 * ({@code auto.register.schemas=false}) find it and registration reuses its id. The properties only
 * choose Java's string class when reading and do not change the Avro binary encoding.
 */
final class PlainSchema {

    private static final String JAVA_STRING = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainSchema() {
    }

    /** {@code schema} without Java-specific properties (the same schema object when it has none). */
    static Schema of(Schema schema) {
        final String text = schema.toString();
        if (!text.contains(JAVA_STRING)) {
            return schema;
        }
        try {
            final JsonNode json = JSON.readTree(text);
            return new Schema.Parser().parse(strip(json).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read the schema of " + schema.getFullName(), e);
        }
    }

    /** Removes the property wherever it occurs; a {@code {"type":"string"}} left alone becomes {@code "string"}. */
    private static JsonNode strip(JsonNode node) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, strip(node.get(i)));
            }
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        final ObjectNode object = (ObjectNode) node;
        object.remove(JAVA_STRING);
        object.properties().forEach(entry -> entry.setValue(strip(entry.getValue())));
        if (object.size() == 1 && object.path("type").isTextual()) {
            return object.get("type");
        }
        return object;
    }
}
