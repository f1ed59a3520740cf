package io.authwatch.registry.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authwatch.registry.dev.StoreRecord.Compatibility;
import io.authwatch.registry.dev.StoreRecord.SchemaVersion;
import java.io.IOException;
import java.util.Optional;

/**
 * Kafka key and value of a {@link StoreRecord}, in the JSON layout of Confluent's {@code _schemas}
 * topic: key {@code {"keytype":"SCHEMA","subject":…,"version":…,"magic":1}} with value
 * {@code {"subject","version","id","schema","deleted"}}, and key
 * {@code {"keytype":"CONFIG","subject":…|null,"magic":0}} with value {@code {"compatibilityLevel"}}
 * (null value: cleared). A key's bytes depend only on what it names, so compaction keeps the last
 * state of each version and each config.
 */
final class StoreRecordCodec {

    private final ObjectMapper json = new ObjectMapper();

    byte[] key(StoreRecord record) {
        final ObjectNode key = json.createObjectNode();
        if (record instanceof SchemaVersion v) {
            key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version()).put("magic", 1);
        } else if (record instanceof Compatibility c) {
            key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
        }
        return bytes(key);
    }

    /** The value, or null (a tombstone) for a cleared config. */
    byte[] value(StoreRecord record) {
        if (record instanceof SchemaVersion v) {
            return bytes(json.createObjectNode().put("subject", v.subject()).put("version", v.version())
                    .put("id", v.id()).put("schema", v.schema()).put("deleted", v.deleted()));
        }
        final Compatibility c = (Compatibility) record;
        return c.level() == null ? null : bytes(json.createObjectNode().put("compatibilityLevel", c.level().name()));
    }

    /** The record a key and value hold; empty for key types this registry does not use (NOOP, MODE…). */
    Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
        final JsonNode key = tree(keyBytes);
        switch (key.path("keytype").asText()) {
            case "SCHEMA":
                if (valueBytes == null) {
                    return Optional.empty(); // a permanently deleted version (written by another registry)
                }
                final JsonNode v = tree(valueBytes);
                final String type = v.path("schemaType").asText("AVRO");
                if (!"AVRO".equalsIgnoreCase(type)) {
                    return Optional.empty();
                }
                return Optional.of(new SchemaVersion(v.path("subject").asText(), v.path("version").asInt(),
                        v.path("id").asInt(), v.path("schema").asText(), v.path("deleted").asBoolean(false)));
            case "CONFIG":
                final String subject = key.path("subject").isTextual() ? key.get("subject").asText() : null;
                final CompatibilityLevel level = valueBytes == null ? null
                        : CompatibilityLevel.parse(tree(valueBytes).path("compatibilityLevel").asText(null));
                return Optional.of(new Compatibility(subject, level));
            default:
                return Optional.empty();
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new SchemaStoreException("the schema log holds a record that is not JSON", e);
        }
    }
}
