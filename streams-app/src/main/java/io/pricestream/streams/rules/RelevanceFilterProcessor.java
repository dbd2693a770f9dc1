package io.pricestream.streams.rules;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.streams.PricesMetrics;

/**
 * Forwards the prices the {@link RelevanceRules} keep, and every run marker; counts the rest.
 *
 * <p>An irrelevant price never reaches the change detector's store, so it is never retired either.
 */
public final class RelevanceFilterProcessor extends ContextualProcessor<PriceKey, SpecificRecord, PriceKey, SpecificRecord> {

    private final RuleIndex rules;
    private final PricesMetrics metrics;

    public RelevanceFilterProcessor(RuleIndex rules, PricesMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void process(Record<PriceKey, SpecificRecord> record) {
        if (record.value() instanceof SkuPrice price && !rules.isRelevant(price)) {
            metrics.filtered();
            return;
        }
        context().forward(record);
    }
}
