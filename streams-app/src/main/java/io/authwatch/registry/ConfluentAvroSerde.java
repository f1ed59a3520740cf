package io.authwatch.registry;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for Avro {@link SpecificRecord} values in the Confluent wire format, with the
 * topic-name subject strategy ({@code <topic>-value}, or {@code <topic>-key} for keys).
 *
 * <p>Serializing registers the record's schema when {@code auto.register.schemas} is true (the
 * default), or uses the subject's latest version when {@code use.latest.version} is true, else looks
 * the schema's id up. Deserializing resolves the writer schema (fetched by id) against the reader
 * class's schema, so records of older and newer producers are read. Bad bytes raise a
 * {@link SerializationException} that says what was wrong; nothing is silently skipped.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";

    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatestVersion;

    /** A serde for records of {@code recordClass}; call {@link #configure} before use. */
    public ConfluentAvroSerde(Class<T> recordClass) {
        AvroClassTrust.ensure();
        this.readerSchema = SpecificData.get().getSchema(Objects.requireNonNull(recordClass, "recordClass"));
    }

    /** A ready serde for values, talking to {@code registry}. */
    public ConfluentAvroSerde(Class<T> recordClass, SchemaRegistryClient registry, boolean autoRegister,
                              boolean useLatestVersion) {
        this(recordClass);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegister = autoRegister;
        this.useLatestVersion = useLatestVersion;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.registry = SchemaRegistries.fromConfig(configs);
        this.autoRegister = booleanConfig(configs, AUTO_REGISTER_SCHEMAS, true);
        this.useLatestVersion = booleanConfig(configs, USE_LATEST_VERSION, false);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        final int id = schemaIdFor(topic, record.getSchema());
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            final ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
            WireFormat.writeHeader(header, id);
            out.write(header.array());
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot serialize " + record.getSchema().getFullName()
                    + " for topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        final int id = WireFormat.schemaId(topic, data);
        final SpecificDatumReader<T> reader = readerFor(topic, id);
        try {
            final BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
            final T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("record on topic '" + topic + "' with schema id " + id
                        + " has trailing bytes after the Avro body");
            }
            return value;
        } catch (EOFException e) {
            throw new SerializationException("record on topic '" + topic + "' with schema id " + id
                    + " has a truncated Avro body (" + data.length + " bytes in all)", e);
        } catch (IOException | AvroRuntimeException | ArrayIndexOutOfBoundsException | ClassCastException
                 | NegativeArraySizeException | IllegalArgumentException e) {
            throw new SerializationException("record on topic '" + topic + "' with schema id " + id
                    + " has an unreadable Avro body: " + e, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void close() {
        // the registry client is shared; its owner closes it
    }

    private int schemaIdFor(String topic, Schema schema) {
        final String subject = topic + (isKey ? "-key" : "-value");
        final Integer cached = idBySubject.get(subject);
        if (cached != null) {
            return cached;
        }
        final SchemaRegistryClient client = registry();
        final int id;
        try {
            if (useLatestVersion) {
                id = client.getLatest(subject).id();
            } else if (autoRegister) {
                id = client.register(subject, schema);
            } else {
                id = client.getId(subject, schema);
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot find a schema id for subject '" + subject + "': "
                    + e.getMessage(), e);
        }
        idBySubject.put(subject, id);
        return id;
    }

    private SpecificDatumReader<T> readerFor(String topic, int id) {
        final SpecificDatumReader<T> cached = readersByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        final Schema writer;
        try {
            writer = registry().getById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("record on topic '" + topic + "' has schema id " + id
                    + " that the registry cannot give: " + e.getMessage(), e);
        }
        final SpecificDatumReader<T> reader = new SpecificDatumReader<>(writer, readerSchema);
        readersByWriterId.put(id, reader);
        return reader;
    }

    private SchemaRegistryClient registry() {
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroSerde for " + readerSchema.getFullName()
                    + " used before configure()");
        }
        return registry;
    }

    private static boolean booleanConfig(Map<String, ?> configs, String key, boolean defaultValue) {
        final Object value = configs.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value.toString().trim());
    }
}
