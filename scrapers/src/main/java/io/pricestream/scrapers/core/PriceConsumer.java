package io.pricestream.scrapers.core;

import io.pricestream.schemas.avro.SkuPrice;

/** Receives each normalised price point of a run: a publisher, a CSV/JSONL writer, or a test collector. */
@FunctionalInterface
public interface PriceConsumer {

    void accept(SkuPrice price);
}
