package io.authwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT.md section 2 from the side of a Confluent client that knows only the contract's
 * {@code .avsc} files and the registry: it registers its own copy of a schema (no Java-specific
 * properties, under whatever id the registry hands out) and writes generic records, as
 * {@code KafkaAvroSerializer} does; and it reads our records with nothing but the schema the registry
 * gives for their id, as {@code KafkaAvroDeserializer} does.
 */
class ConfluentClientContractTest {

    private static final Path AVRO_DIR = Path.of("..", "schemas", "src", "main", "avro");

    private final String scope = "confluent-contract-" + UUID.randomUUID();
    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldReadTelemetryWrittenWithASchemaTheProducerRegisteredItself() throws IOException {
        // Given a producer that registered the contract's TelemetryEvent.avsc as it is (after other
        // schemas, so its id is not the one our own registration would get) and wrote every payload type
        registry.register("unrelated-value", Schema.create(Schema.Type.STRING));
        final Schema theirs = contractSchemas().get(0);
        final int theirId = registry.register("miniapp.telemetry.v1-value", theirs);
        final List<TelemetryEvent> events = RegistryFixtures.telemetryOfEveryPayloadType();

        for (final TelemetryEvent event : events) {
            // When the producer writes the event with its own schema and id
            final byte[] bytes = confluentWire(theirId, theirs, asGeneric(event, theirs));

            // Then our serde reads the same event
            assertThat(serde(TelemetryEvent.class).deserialize("miniapp.telemetry.v1", bytes))
                    .as("%s", event.getPayload()).isEqualTo(event);
        }
        assertThat(theirs.getProp("avro.java.string")).isNull();
    }

    @Test
    void shouldReadAPolicyWrittenWithASchemaTheProducerRegisteredItself() throws IOException {
        // Given an ops tool that registered the contract's AppPathPolicy.avsc itself
        registry.register("unrelated-value", Schema.create(Schema.Type.LONG));
        final Schema theirs = contractSchemas().get(1);
        final int theirId = registry.register("authwatch.policy.v1-value", theirs);
        final AppPathPolicy policy = RegistryFixtures.policy();

        // When it writes a policy
        final byte[] bytes = confluentWire(theirId, theirs, asGeneric(policy, theirs));

        // Then our serde reads it
        assertThat(serde(AppPathPolicy.class).deserialize("authwatch.policy.v1", bytes)).isEqualTo(policy);
    }

    @Test
    void shouldReadAViolationSomeoneElseWroteToTheViolationsTopic() throws IOException {
        // Given another producer of violations (enforcement reads the topic) with its own registration
        registry.register("unrelated-value", Schema.create(Schema.Type.INT));
        final Schema theirs = contractSchemas().get(2);
        final int theirId = registry.register("authwatch.violations.v1-value", theirs);
        final Violation violation = RegistryFixtures.violation();

        // When it writes a violation with its schema and id
        final byte[] bytes = confluentWire(theirId, theirs, asGeneric(violation, theirs));

        // Then our serde reads it
        assertThat(serde(Violation.class).deserialize("authwatch.violations.v1", bytes)).isEqualTo(violation);
    }

    @Test
    void shouldRegisterOutputSchemasThatAreTheContractsAndReadableWithTheRegistryAlone() throws IOException {
        final List<Schema> contract = contractSchemas();
        final List<SpecificRecord> outputs =
                List.of(RegistryFixtures.violation(), RegistryFixtures.enforcementAction());
        for (int i = 0; i < outputs.size(); i++) {
            final SpecificRecord record = outputs.get(i);
            // Given our serde wrote an output record to its topic
            final String topic = "output-" + i;
            final byte[] bytes = serdeFor(record).serialize(topic, record);

            // When a consumer that has only the registry fetches the writer schema by the record's id
            // and parses its text afresh
            final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            final Schema fetched = new Schema.Parser().parse(registry.getById(id).toString());
            final GenericRecord read = new GenericDatumReader<GenericRecord>(fetched)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

            // Then the schema is the contract's (same parsing canonical form as the .avsc) and every
            // field reads back with the value we wrote
            final Schema expected = contract.get(2 + i);
            assertThat(SchemaNormalization.toParsingForm(fetched))
                    .isEqualTo(SchemaNormalization.toParsingForm(expected));
            // and a plain one: the .avsc's own text, with no Java-specific properties
            assertThat(fetched.toString()).isEqualTo(expected.toString()).doesNotContain("avro.java");
            assertThat(GenericData.get().validate(expected, read)).isTrue();
            assertThat(backToSpecific(read, record.getSchema())).isEqualTo(record);
        }
    }

    @Test
    void shouldFindTheContractsSchemaRegisteredBeforehandWhenNotRegisteringItself() throws IOException {
        // Given an operator registered the contract's Violation.avsc, and the serde must not register
        final Schema registered = contractSchemas().get(2);
        final int id = registry.register("authwatch.violations.v1-value", registered);
        final ConfluentAvroSerde<Violation> serde = new ConfluentAvroSerde<>(Violation.class);
        serde.configure(Map.of(SchemaRegistries.URL, "mock://" + scope, ConfluentAvroSerde.AUTO_REGISTER_SCHEMAS,
                "false"), false);

        // When a violation is written
        final byte[] bytes = serde.serialize("authwatch.violations.v1", RegistryFixtures.violation());

        // Then it is written under the operator's schema id
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(serde.deserialize("authwatch.violations.v1", bytes)).isEqualTo(RegistryFixtures.violation());
    }

    /** The contract's four external schemas, parsed from the schemas module's .avsc files in order. */
    private static List<Schema> contractSchemas() throws IOException {
        final Schema.Parser parser = new Schema.Parser();
        final List<String> files = List.of("TelemetryEvent.avsc", "AppPathPolicy.avsc", "Violation.avsc",
                "EnforcementAction.avsc");
        return files.stream().map(f -> parse(parser, AVRO_DIR.resolve(f))).toList();
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code record} re-read as a generic record of {@code schema} (the same Avro data, another schema object). */
    private static GenericRecord asGeneric(SpecificRecord record, Schema schema) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), schema)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    /** The generic record written with its own schema and read as the specific record of {@code type}. */
    private static Object backToSpecific(GenericRecord record, Schema type) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<>(record.getSchema(), type)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    /** What Confluent's serializer writes: magic byte, big-endian id, the generic record's Avro body. */
    private static byte[] confluentWire(int id, Schema schema, GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private <T extends SpecificRecord> ConfluentAvroSerde<T> serde(Class<T> type) {
        final ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(type);
        serde.configure(Map.of(SchemaRegistries.URL, "mock://" + scope), false);
        return serde;
    }

    @SuppressWarnings("unchecked")
    private ConfluentAvroSerde<SpecificRecord> serdeFor(SpecificRecord record) {
        return serde((Class<SpecificRecord>) record.getClass());
    }
}
