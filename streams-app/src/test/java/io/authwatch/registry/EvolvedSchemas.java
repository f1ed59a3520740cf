package io.authwatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authwatch.telemetry.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writer schemas of other producer generations, derived from the current TelemetryEvent schema by
 * editing its JSON, and a writer of generic records in the Confluent wire format.
 */
public final class EvolvedSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvolvedSchemas() {
    }

    /** A newer producer: an added optional envelope field {@code networkType}. */
    public static Schema withAddedOptionalField() {
        final ObjectNode root = current();
        final ObjectNode field = ((ArrayNode) root.get("fields")).insertObject(7);
        field.put("name", "networkType");
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        field.put("doc", "Added by a newer producer.");
        return parse(root);
    }

    /** A newer producer: InteractionKind gained the symbol {@code LONG_PRESS}. */
    static Schema withAddedInteractionKind() {
        final ObjectNode root = current();
        final ObjectNode kind = (ObjectNode) payloadRecord(root, "UserInteraction").get("fields").get(1).get("type");
        ((ArrayNode) kind.get("symbols")).insert(0, "LONG_PRESS");
        return parse(root);
    }

    /** A newer producer: PromptTrigger gained the symbol {@code SPLASH_AD} (read as its default, UNKNOWN). */
    public static Schema withAddedPromptTrigger() {
        final ObjectNode root = current();
        for (final JsonNode field : payloadRecord(root, "PhoneAuthPrompt").get("fields")) {
            if (field.get("name").asText().equals("trigger")) {
                ((ArrayNode) field.get("type").get("symbols")).insert(0, "SPLASH_AD");
                return parse(root);
            }
        }
        throw new IllegalStateException("PhoneAuthPrompt has no trigger field");
    }

    /** A newer producer: a payload type {@code ShareAction} was added to the union. */
    public static Schema withAddedPayloadType() {
        final ObjectNode root = current();
        final ObjectNode share = payloadUnion(root).addObject();
        share.put("type", "record").put("name", "ShareAction").put("doc", "The user shared a page.");
        final ObjectNode path = share.putArray("fields").addObject();
        path.put("name", "path").put("type", "string").put("doc", "The page shared.");
        return parse(root);
    }

    /** An older producer: no {@code clientVersion} field, no OrderContext payload, no targetPath. */
    static Schema older() {
        final ObjectNode root = current();
        final ArrayNode fields = (ArrayNode) root.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals("clientVersion")) {
                fields.remove(i);
                break;
            }
        }
        final ArrayNode union = payloadUnion(root);
        for (int i = 0; i < union.size(); i++) {
            if (union.get(i).get("name").asText().equals("OrderContext")) {
                union.remove(i);
                break;
            }
        }
        final ArrayNode promptFields = (ArrayNode) payloadRecord(root, "PhoneAuthPrompt").get("fields");
        for (int i = 0; i < promptFields.size(); i++) {
            if (promptFields.get(i).get("name").asText().equals("targetPath")) {
                promptFields.remove(i);
                break;
            }
        }
        return parse(root);
    }

    /** An envelope of {@code schema} with the fixtures' values, and {@code payload} as its payload. */
    static GenericRecord envelope(Schema schema, GenericRecord payload) {
        final GenericRecord event = new GenericData.Record(schema);
        event.put("eventId", "ev-9");
        event.put("appId", "wx-app-1");
        event.put("userId", "u-42");
        event.put("sessionId", "s-1");
        event.put("seq", 9L);
        event.put("eventTime", RegistryFixtures.T0.toEpochMilli());
        if (schema.getField("clientVersion") != null) {
            event.put("clientVersion", "9.9.9");
        }
        if (schema.getField("networkType") != null) {
            event.put("networkType", "5g");
        }
        event.put("payload", payload);
        return event;
    }

    /** The record schema of payload type {@code name} within {@code envelope}. */
    public static Schema payloadSchema(Schema envelope, String name) {
        return envelope.getField("payload").schema().getTypes().stream()
                .filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    /** {@code record} in the Confluent wire format under {@code id}. */
    public static byte[] wire(int id, GenericRecord record) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
            final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode current() {
        try {
            return (ObjectNode) JSON.readTree(TelemetryEvent.getClassSchema().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode payloadUnion(ObjectNode root) {
        for (final JsonNode field : root.get("fields")) {
            if (field.get("name").asText().equals("payload")) {
                return (ArrayNode) field.get("type");
            }
        }
        throw new IllegalStateException("TelemetryEvent has no payload field");
    }

    private static ObjectNode payloadRecord(ObjectNode root, String name) {
        for (final JsonNode branch : payloadUnion(root)) {
            if (branch.get("name").asText().equals(name)) {
                return (ObjectNode) branch;
            }
        }
        throw new IllegalStateException("no payload type " + name);
    }

    private static Schema parse(ObjectNode root) {
        return new Schema.Parser().parse(root.toString());
    }
}
