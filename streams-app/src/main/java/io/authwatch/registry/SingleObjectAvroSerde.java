package io.authwatch.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for internal records (state stores, repartition topics) in Avro's single-object encoding:
 * a two-byte marker, the 8-byte fingerprint of the writer schema, then the Avro body. No schema
 * registry is involved, so internal topics never depend on the registry's subject settings, and the
 * fingerprint lets a later version read older values once their schemas are added to the decoder
 * ({@link BinaryMessageDecoder#addSchema}).
 */
public final class SingleObjectAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public SingleObjectAvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
        AvroClassTrust.ensure();
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            final ByteBuffer buffer = encoder.encode(value);
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException("cannot encode " + value.getSchema().getFullName() + ": " + e, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("cannot decode an internal Avro record (" + data.length + " bytes): " + e, e);
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: no registry is involved
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
