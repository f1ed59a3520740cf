package io.authwatch.registry.dev;

import java.util.List;

/**
 * Where the dev registry keeps its log. The registry holds its state in memory and appends every
 * change here before answering, so that a new registry on the same store gives the same ids.
 */
public interface SchemaStore extends AutoCloseable {

    /** Every record appended so far (by this or an earlier run), oldest first. */
    List<StoreRecord> replay();

    /** Appends {@code record} durably, or throws {@link SchemaStoreException}. */
    void append(StoreRecord record);

    @Override
    void close();
}
