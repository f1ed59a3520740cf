package io.authwatch.registry;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0x00}, bytes 1-4 the schema id
 * (big-endian int), then the Avro binary body.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id in {@code data}'s header, after checking the header is there and well-formed. */
    public static int schemaId(String topic, byte[] data) {
        if (data.length == 0) {
            throw new SerializationException("record on topic '" + topic + "' is empty (0 bytes): no Confluent"
                    + " wire-format header");
        }
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("record on topic '" + topic + "' is " + data.length
                    + " bytes, shorter than the 5-byte Confluent wire-format header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "record on topic '%s' has magic byte 0x%02x, expected 0x00 (not Confluent wire format)",
                    topic, data[0]));
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    /** Writes the 5-byte header for {@code schemaId} into {@code buffer}. */
    public static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }
}
