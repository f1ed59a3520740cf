package io.authwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authwatch.registry.dev.DevRegistryServer;
import io.authwatch.registry.dev.InMemorySchemaStore;
import io.authwatch.telemetry.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-level interoperability with Confluent's own JavaScript client ({@code @confluentinc/schemaregistry},
 * pinned in {@code src/test/js/package.json}, installed by {@code npm ci} in the build), both talking
 * to the dev registry over HTTP: records written by Confluent's AvroSerializer are read by our
 * serde, records written by our serde are read by Confluent's AvroDeserializer, and both write the
 * same bytes for the same record and schema id. Needs Node.js 20+; fails (never skips) without it.
 */
class ConfluentJsInteropIT {

    private static final String TOPIC = "miniapp.telemetry.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final DevRegistryServer registry = DevRegistryServer.start("127.0.0.1", 0, new InMemorySchemaStore());

    @TempDir
    Path tmp;

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldExchangeIdenticalBytesWithConfluentsJavaScriptSerde() throws Exception {
        // Given our serde registered TelemetryEvent (the contract's plain schema)
        // and wrote one event of every payload type
        final ConfluentAvroSerde<TelemetryEvent> serde = new ConfluentAvroSerde<>(TelemetryEvent.class);
        serde.configure(Map.of(SchemaRegistries.URL, registry.url()), false);
        final List<TelemetryEvent> events = RegistryFixtures.telemetryOfEveryPayloadType();
        final ObjectNode input = JSON.createObjectNode().put("registryUrl", registry.url()).put("topic", TOPIC);
        final ArrayNode records = input.putArray("records");
        for (final TelemetryEvent event : events) {
            records.addObject().put("avroJson", avroJson(event)).put("javaBytes", HEX.formatHex(serde.serialize(TOPIC, event)));
        }
        final int registeredId = ByteBuffer.wrap(HEX.parseHex(records.get(0).get("javaBytes").asText()), 1, 4).getInt();

        // When Confluent's JavaScript serde writes the same events and reads ours
        final JsonNode output = runNode(input);

        // Then it used the schema we registered, and for every event:
        assertThat(output.get("schemaId").asInt()).isEqualTo(registeredId);
        assertThat(output.get("schemaVersion").asInt()).isEqualTo(1);
        // and its own lookup, compatibility check and registration agree with ours (ids are global)
        assertThat(output.get("lookedUpId").asInt()).isEqualTo(registeredId);
        assertThat(output.get("compatible").asBoolean()).isTrue();
        assertThat(output.get("registeredElsewhereId").asInt()).isEqualTo(registeredId);
        for (int i = 0; i < events.size(); i++) {
            final TelemetryEvent event = events.get(i);
            final JsonNode result = output.get("results").get(i);
            final byte[] jsBytes = HEX.parseHex(result.get("jsBytes").asText());
            // (a) what Confluent's serializer wrote, our deserializer reads as the same event
            assertThat(serde.deserialize(TOPIC, jsBytes)).as("JS-written %s read by our serde", event.getPayload())
                    .isEqualTo(event);
            // (b) what our serializer wrote, Confluent's deserializer reads as the same event
            assertThat(fromAvroJson(result.get("decodedAvroJson").asText()))
                    .as("our %s read by Confluent's JS deserializer", event.getPayload()).isEqualTo(event);
            // (c) both wrote the very same bytes
            assertThat(result.get("jsBytes").asText()).as("bytes of %s", event.getPayload())
                    .isEqualTo(records.get(i).get("javaBytes").asText());
        }
        serde.close();
    }

    private JsonNode runNode(ObjectNode input) throws IOException, InterruptedException {
        final Path jsDir = Path.of(System.getProperty("interop.js.dir", "src/test/js")).toAbsolutePath();
        assertThat(jsDir.resolve("node_modules/@confluentinc/schemaregistry"))
                .as("Confluent's JS client is installed in %s (the build runs npm ci there; or run it by hand)", jsDir)
                .isDirectory();
        final Path inputFile = Files.writeString(tmp.resolve("input.json"), input.toString());
        final Path stdout = tmp.resolve("stdout.json");
        final Path stderr = tmp.resolve("stderr.txt");
        final String node = System.getProperty("node.executable", "node");
        final Process process;
        try {
            process = new ProcessBuilder(node, "interop.js", inputFile.toString()).directory(jsDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + node + "': the interoperability test needs Node.js 20+ on the"
                    + " PATH (or -Dnode.executable=…)", e);
        }
        final boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        final String errors = Files.readString(stderr);
        assertThat(finished).as("node finished within 120 s; stderr: %s", errors).isTrue();
        assertThat(process.exitValue()).as("node's exit status; stderr: %s", errors).isZero();
        return JSON.readTree(Files.readString(stdout));
    }

    private static String avroJson(TelemetryEvent event) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final JsonEncoder encoder = EncoderFactory.get().jsonEncoder(TelemetryEvent.getClassSchema(), out);
        new SpecificDatumWriter<TelemetryEvent>(TelemetryEvent.class).write(event, encoder);
        encoder.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static TelemetryEvent fromAvroJson(String json) throws IOException {
        return new SpecificDatumReader<TelemetryEvent>(TelemetryEvent.class)
                .read(null, DecoderFactory.get().jsonDecoder(TelemetryEvent.getClassSchema(), json));
    }
}
