package io.authwatch.registry.dev;

import java.util.ArrayList;
import java.util.List;

/** A store in memory: a registry restarted on the same instance keeps its ids; the process does not. */
public final class InMemorySchemaStore implements SchemaStore {

    private final List<StoreRecord> records = new ArrayList<>();

    @Override
    public synchronized List<StoreRecord> replay() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void append(StoreRecord record) {
        records.add(record);
    }

    @Override
    public void close() {
        // nothing to release; the records stay for a later registry on this instance
    }
}
