package io.authwatch.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a record in the Confluent wire format under one schema id. When the id's schema differs
 * from the record's own ({@code use.latest.version} with a registry ahead of or behind this build),
 * the record is projected onto it by Avro schema resolution, so the body always matches the id.
 */
final class SchemaWriter {

    private final int id;
    private final Schema recordSchema;
    private final Schema targetSchema;

    private SchemaWriter(int id, Schema recordSchema, Schema targetSchema) {
        this.id = id;
        this.recordSchema = recordSchema;
        this.targetSchema = targetSchema;
    }

    static SchemaWriter direct(int id, Schema recordSchema) {
        return new SchemaWriter(id, recordSchema, recordSchema);
    }

    static SchemaWriter projecting(int id, Schema recordSchema, Schema targetSchema) {
        return new SchemaWriter(id, recordSchema, targetSchema.equals(recordSchema) ? recordSchema : targetSchema);
    }

    int id() {
        return id;
    }

    void write(SpecificRecord record, OutputStream out) throws IOException {
        final ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, id);
        out.write(header.array());
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        if (targetSchema == recordSchema) {
            new SpecificDatumWriter<SpecificRecord>(recordSchema).write(record, encoder);
        } else {
            final ByteArrayOutputStream own = new ByteArrayOutputStream(256);
            final BinaryEncoder ownEncoder = EncoderFactory.get().directBinaryEncoder(own, null);
            new SpecificDatumWriter<SpecificRecord>(recordSchema).write(record, ownEncoder);
            final Object projected = new GenericDatumReader<>(recordSchema, targetSchema)
                    .read(null, DecoderFactory.get().binaryDecoder(own.toByteArray(), null));
            new GenericDatumWriter<>(targetSchema).write(projected, encoder);
        }
        encoder.flush();
    }
}
