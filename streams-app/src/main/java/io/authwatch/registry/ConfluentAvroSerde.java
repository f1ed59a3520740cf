package io.authwatch.registry;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for Avro {@link SpecificRecord} values in the Confluent wire format, with the
 * topic-name subject strategy ({@code <topic>-value}, or {@code <topic>-key} for keys).
 *
 * <p>Serializing registers the record's schema (as the contract's plain schema, without the Java
 * generator's properties: {@link PlainSchema}) when {@code auto.register.schemas} is true (the
 * default), or writes with the subject's latest version when {@code use.latest.version} is true
 * (the record is projected onto that schema by Avro schema resolution), else looks the record
 * schema's id up. Deserializing resolves the writer schema (fetched by id) against the reader
 * class's schema, so records of older and newer producers are read: added fields are skipped,
 * missing ones take their defaults, unknown enum symbols read as the enum's default.
 *
 * <p>What cannot be read raises a {@link SerializationException} that says why, so the caller routes
 * the record to the DLQ; nothing is silently skipped. That includes a record whose union branch
 * (a payload type, say) was added by a newer producer and is unknown to this reader: Avro has no
 * default branch for unions, so such records cannot be read until the reader is upgraded; records
 * of the same writer schema that use known branches are still read.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";

    private final Schema readerSchema;
    private final Map<Integer, WriterResolution<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final Map<String, SchemaWriter> writersBySubject = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatestVersion;

    /** A serde for records of {@code recordClass}; call {@link #configure} before use. */
    public ConfluentAvroSerde(Class<T> recordClass) {
        AvroClassTrust.ensure();
        this.readerSchema = SpecificData.get().getSchema(Objects.requireNonNull(recordClass, "recordClass"));
    }

    /** A ready serde for values, talking to {@code registry} (which the caller keeps and closes). */
    public ConfluentAvroSerde(Class<T> recordClass, SchemaRegistryClient registry, boolean autoRegister,
                              boolean useLatestVersion) {
        this(recordClass);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegister = autoRegister;
        this.useLatestVersion = useLatestVersion;
    }

    /** Creates the registry client named by {@code schema.registry.url}; {@link #close()} closes it. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.registry = SchemaRegistries.fromConfig(configs);
        this.ownsRegistry = true;
        this.autoRegister = booleanConfig(configs, AUTO_REGISTER_SCHEMAS, true);
        this.useLatestVersion = booleanConfig(configs, USE_LATEST_VERSION, false);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        final String subject = topic + (isKey ? "-key" : "-value");
        final SchemaWriter writer = cached(writersBySubject, subject, () -> writerFor(subject, record.getSchema()));
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            writer.write(record, out);
            return out.toByteArray();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot serialize " + record.getSchema().getFullName() + " for topic '"
                    + topic + "' with schema id " + writer.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        final int id = WireFormat.schemaId(topic, data);
        final WriterResolution<T> resolution = cached(readersByWriterId, id, () -> resolutionFor(topic, id));
        final String where = "record on topic '" + topic + "' with schema id " + id;
        try {
            final BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
            final T value = resolution.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException(where + " has trailing bytes after the Avro body");
            }
            return value;
        } catch (EOFException e) {
            throw new SerializationException(where + " has a truncated Avro body (" + data.length + " bytes in all)", e);
        } catch (IOException | AvroRuntimeException | ArrayIndexOutOfBoundsException | ClassCastException
                 | NegativeArraySizeException | IllegalArgumentException e) {
            throw new SerializationException(where + " " + resolution.explain(e), e);
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

    /** Closes the registry client when {@link #configure} created it; a shared one is left to its owner. */
    @Override
    public void close() {
        if (ownsRegistry && registry != null) {
            registry.close();
        }
    }

    private SchemaWriter writerFor(String subject, Schema recordSchema) {
        final SchemaRegistryClient client = registry();
        // registered and looked up without the Java generator's properties: see PlainSchema
        final Schema plain = PlainSchema.of(recordSchema);
        try {
            if (useLatestVersion) {
                final SchemaRegistryClient.RegisteredSchema latest = client.getLatest(subject);
                return latest.schema().equals(plain) ? SchemaWriter.direct(latest.id(), recordSchema)
                        : SchemaWriter.projecting(latest.id(), recordSchema, latest.schema());
            }
            final int id = autoRegister ? client.register(subject, plain) : client.getId(subject, plain);
            return SchemaWriter.direct(id, recordSchema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot find a schema id for subject '" + subject + "': "
                    + e.getMessage(), e);
        }
    }

    private WriterResolution<T> resolutionFor(String topic, int id) {
        final Schema writer;
        try {
            writer = registry().getById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("record on topic '" + topic + "' has schema id " + id
                    + " that the registry cannot give: " + e.getMessage(), e);
        }
        return WriterResolution.of(writer, readerSchema);
    }

    private SchemaRegistryClient registry() {
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroSerde for " + readerSchema.getFullName()
                    + " used before configure()");
        }
        return registry;
    }

    // Not computeIfAbsent: a registry call (with retries) must not hold a map lock over other keys.
    private static <K, V> V cached(Map<K, V> cache, K key, Supplier<V> compute) {
        final V cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        final V value = compute.get();
        final V raced = cache.putIfAbsent(key, value);
        return raced != null ? raced : value;
    }

    private static boolean booleanConfig(Map<String, ?> configs, String key, boolean defaultValue) {
        final Object value = configs.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value.toString().trim());
    }
}
