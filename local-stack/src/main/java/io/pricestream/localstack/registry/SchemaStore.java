package io.pricestream.localstack.registry;

import java.util.List;

/**
 * Where the registry keeps its facts so a restart serves the same ids: every record appended is durable
 * when {@link #append} returns, and {@link #readAll} gives them back in append order.
 */
public interface SchemaStore extends AutoCloseable {

    /** Everything appended so far, oldest first. */
    List<StoreRecord> readAll();

    /**
     * Makes {@code record} durable before returning.
     *
     * @throws io.pricestream.schemas.registry.SchemaRegistryException with HTTP 500 / error 50001 if it could not
     */
    void append(StoreRecord record);

    /** Where the records live, for messages: {@code topic '_schemas' at localhost:9092}. */
    String describe();

    @Override
    void close();
}
