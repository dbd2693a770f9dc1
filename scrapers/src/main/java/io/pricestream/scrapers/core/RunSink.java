package io.pricestream.scrapers.core;

import io.pricestream.schemas.avro.ScrapeRun;

/**
 * Where a run's prices go: the Kafka publisher, or a dry-run file writer.
 *
 * <p>{@link #accept} receives the run's de-duplicated, quality-checked prices (from one thread at a time);
 * {@link #complete} is called once at the end with the run's summary — the publisher flushes, writes one marker per
 * raw-topic partition and the {@link ScrapeRun}; a writer flushes its file. A run is complete only when
 * {@code complete} returned.
 */
public interface RunSink extends PriceConsumer, AutoCloseable {

    void complete(ScrapeRun run) throws ScrapeException;

    @Override
    void close();
}
