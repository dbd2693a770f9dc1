package io.pricestream.streams;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.streams.change.ChangeDetectorProcessor;
import io.pricestream.streams.change.PriceKeyStoreSerde;
import io.pricestream.streams.change.PriceState;
import io.pricestream.streams.change.PriceStateSerde;
import io.pricestream.streams.rules.RawRelevanceFilterProcessor;
import io.pricestream.streams.rules.RelevanceFilterProcessor;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.RuleIndex;
import io.pricestream.streams.validate.PriceValidator;
import io.pricestream.streams.validate.ValidateProcessor;

/**
 * Builds the pricestream topology; the one factory used by {@link PricesStreamsApp} and by the tests.
 *
 * <pre>
 *  prices.raw.* ──► prices-raw-source (bytes)
 *                     │
 *                     ▼
 *                   prices-relevance-prefilter (drops, as bytes, prices the rules reject: reads only their fields)
 *                     │
 *                     ▼
 *                   prices-validate ──(undecodable / invalid)──► prices-dlq-sink ──► prices.dlq
 *                     │ PriceKey, SkuPrice | RunMarker
 *                     ▼
 *                   prices-relevance-filter (drops irrelevant prices the pre-filter could not read; passes markers)
 *                     │
 *                     ▼
 *                   prices-change-detector ◄──► prices-state store (changelogged)
 *                     │ first seen / changed / returned / RETIRED
 *                     ▼
 *                   prices-sku-sink ──► prices.sku
 * </pre>
 *
 * Every node and the store are named explicitly so that internal topic names
 * ({@code <application.id>-prices-state-changelog}) survive edits of the topology.
 */
public final class PricesTopology {

    public static final String SOURCE = "prices-raw-source";
    public static final String RELEVANCE_PREFILTER = "prices-relevance-prefilter";
    public static final String VALIDATE = "prices-validate";
    public static final String RELEVANCE_FILTER = "prices-relevance-filter";
    public static final String CHANGE_DETECTOR = "prices-change-detector";
    public static final String SKU_SINK = "prices-sku-sink";
    public static final String DLQ_SINK = "prices-dlq-sink";
    public static final String STATE_STORE = "prices-state";

    private PricesTopology() {
    }

    public static Topology build(StreamsAppConfig config, RelevanceRules rules, TopologySerdes serdes, PricesMetrics metrics) {
        Topology topology = new Topology();
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        if (config.rawTopicPattern().isPresent()) {
            topology.addSource(SOURCE, bytes, bytes, config.rawTopicPattern().get());
        } else {
            topology.addSource(SOURCE, bytes, bytes, config.rawTopics().toArray(String[]::new));
        }
        PriceValidator validator = new PriceValidator(config.priceMax());
        // one compiled index for all tasks and threads: what one task learned about a value, all know
        RuleIndex index = new RuleIndex(rules);
        topology.addProcessor(RELEVANCE_PREFILTER, () -> new RawRelevanceFilterProcessor(rules, index, serdes, metrics), SOURCE);
        topology.addProcessor(VALIDATE, () -> new ValidateProcessor(serdes, validator, metrics, RELEVANCE_FILTER, DLQ_SINK), RELEVANCE_PREFILTER);
        topology.addSink(DLQ_SINK, config.dlqTopic(), new ByteArraySerializer(), new ByteArraySerializer(), VALIDATE);
        topology.addProcessor(RELEVANCE_FILTER, () -> new RelevanceFilterProcessor(index, metrics), VALIDATE);
        topology.addProcessor(CHANGE_DETECTOR, () -> new ChangeDetectorProcessor(STATE_STORE, metrics), RELEVANCE_FILTER);
        topology.addStateStore(stateStore(), CHANGE_DETECTOR);
        topology.addSink(SKU_SINK, config.skuTopic(), serdes.keySerializer(), serdes.skuPriceSerializer(), CHANGE_DETECTOR);
        return topology;
    }

    /**
     * RocksDB with a changelog and no record cache: a run writes each key once (a replay at most once per run), so a
     * cache saves no writes and only adds a sorted-map copy per record and a burst of changelog sends at every commit.
     */
    static StoreBuilder<KeyValueStore<PriceKey, PriceState>> stateStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), new PriceKeyStoreSerde(), new PriceStateSerde())
                .withCachingDisabled();
    }
}
