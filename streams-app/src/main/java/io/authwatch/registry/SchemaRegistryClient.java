package io.authwatch.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that authwatch uses.
 *
 * <p>Implementations cache in both directions (schema to id, id to schema): ids are immutable in a
 * Confluent-compatible registry, so a cached answer never goes stale.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} under {@code subject}, failing when it is not registered there. */
    int getId(String subject, Schema schema);

    /** The schema with global id {@code id}. */
    Schema getById(int id);

    /** The latest version registered under {@code subject}. */
    RegisteredSchema getLatest(String subject);

    /** Whether {@code schema} is compatible with the latest version under {@code subject}. */
    boolean isCompatible(String subject, Schema schema);

    @Override
    default void close() {
    }

    /** A schema as stored under a subject. */
    record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }
}
