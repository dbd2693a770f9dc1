package io.pricestream.localstack.registry;

import java.util.ArrayList;
import java.util.List;

/** A {@link SchemaStore} in memory: for tests, and for a registry that need not survive its JVM. */
public final class InMemorySchemaStore implements SchemaStore {

    private final List<StoreRecord> records = new ArrayList<>();

    @Override
    public synchronized List<StoreRecord> readAll() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void append(StoreRecord record) {
        records.add(record);
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
        // nothing held
    }
}
