package io.authwatch.registry.dev;

/**
 * One entry of the dev registry's log. The registry's whole state is the replay of these records
 * in order, like Confluent's registry rebuilds itself from its {@code _schemas} topic.
 */
public sealed interface StoreRecord {

    /** A version of a subject: registered, or (with {@code deleted}) soft-deleted. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements StoreRecord {
    }

    /** The compatibility level of {@code subject} (null subject: the global level); null level clears it. */
    record Compatibility(String subject, CompatibilityLevel level) implements StoreRecord {
    }
}
