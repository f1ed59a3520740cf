package io.authwatch.registry;

import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * How records of one writer schema are read with the reader class's schema, and why a read may
 * fail. Avro resolves per record, so a writer schema that is not fully compatible (a union branch
 * the reader lacks, typically a payload type added by a newer producer) still reads every record
 * that does not use the incompatible part; the others fail with a message naming the difference.
 */
record WriterResolution<T>(SpecificDatumReader<T> reader, Schema writer, SchemaPairCompatibility compatibility) {

    static <T> WriterResolution<T> of(Schema writer, Schema reader) {
        return new WriterResolution<>(new SpecificDatumReader<>(writer, reader), writer,
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer));
    }

    /** Why a read failed with {@code e}, for a SerializationException message (ends the sentence). */
    String explain(Exception e) {
        final String cause = e.getMessage() == null ? e.toString() : e.getMessage();
        if (compatibility.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return "has an unreadable Avro body: " + cause;
        }
        final String incompatibilities = compatibility.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .collect(Collectors.joining("; "));
        return "cannot be resolved against reader schema " + compatibility.getReader().getFullName()
                + ": " + cause + ". The writer schema " + writer.getFullName() + " is not compatible with this reader: "
                + incompatibilities + ". A union branch (such as a payload type) added by a newer producer cannot be"
                + " read by an older reader: upgrade the reader; the record goes to the DLQ";
    }
}
