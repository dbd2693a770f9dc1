package io.pricestream.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.SchemaRegistryClient;

/**
 * The serdes of the pipeline's topics, in the Confluent wire format.
 *
 * <p>Two ways in: {@code priceKey(client)} and friends for code that holds a {@link SchemaRegistryClient};
 * {@code priceKey(configs)} and friends, or the nested classes' no-arg constructors (e.g.
 * {@code default.key.serde=io.pricestream.schemas.serde.PriceSerdes$PriceKeySerde}), configured from a
 * map with {@code schema.registry.url}. Only {@link #priceKey} serdes are key serdes (subject
 * {@code <topic>-key}); the rest are value serdes ({@code <topic>-value}).
 */
public final class PriceSerdes {

    private PriceSerdes() {
    }

    public static Serde<PriceKey> priceKey(SchemaRegistryClient client) {
        return new PriceKeySerde(client);
    }

    public static Serde<SkuPrice> skuPrice(SchemaRegistryClient client) {
        return new SkuPriceSerde(client);
    }

    /** The raw topics' value: a {@link SkuPrice} or a {@link io.pricestream.schemas.avro.RunMarker}. */
    public static Serde<SpecificRecord> rawValue(SchemaRegistryClient client) {
        return new RawValueSerde(client);
    }

    public static Serde<ScrapeRun> scrapeRun(SchemaRegistryClient client) {
        return new ScrapeRunSerde(client);
    }

    public static Serde<PriceChanged> priceChanged(SchemaRegistryClient client) {
        return new PriceChangedSerde(client);
    }

    public static Serde<PriceKey> priceKey(Map<String, ?> configs) {
        return configured(new PriceKeySerde(), configs, true);
    }

    public static Serde<SkuPrice> skuPrice(Map<String, ?> configs) {
        return configured(new SkuPriceSerde(), configs, false);
    }

    public static Serde<SpecificRecord> rawValue(Map<String, ?> configs) {
        return configured(new RawValueSerde(), configs, false);
    }

    public static Serde<ScrapeRun> scrapeRun(Map<String, ?> configs) {
        return configured(new ScrapeRunSerde(), configs, false);
    }

    public static Serde<PriceChanged> priceChanged(Map<String, ?> configs) {
        return configured(new PriceChangedSerde(), configs, false);
    }

    private static <T> Serde<T> configured(Serde<T> serde, Map<String, ?> configs, boolean isKey) {
        serde.configure(configs, isKey);
        return serde;
    }

    /** {@link PriceKey}, the key of every price topic. */
    public static final class PriceKeySerde extends AvroSerde<PriceKey> {
        public PriceKeySerde() {
            super(PriceKey.getClassSchema());
        }

        public PriceKeySerde(SchemaRegistryClient client) {
            super(PriceKey.getClassSchema(), client, true);
        }
    }

    /** {@link SkuPrice}, the value of {@code prices.sku}. */
    public static final class SkuPriceSerde extends AvroSerde<SkuPrice> {
        public SkuPriceSerde() {
            super(SkuPrice.getClassSchema());
        }

        public SkuPriceSerde(SchemaRegistryClient client) {
            super(SkuPrice.getClassSchema(), client, false);
        }
    }

    /**
     * {@link RawRecords#VALUE_SCHEMA}, the value of the raw topics. A price's attributes map is written in blocks that
     * carry their size in bytes, so the streams app's relevance pre-filter can step over it whole for the ~97 % of
     * prices no rule keeps (still plain Avro: any reader, Confluent's included, reads it).
     */
    public static final class RawValueSerde extends AvroSerde<SpecificRecord> {
        public RawValueSerde() {
            super(RawRecords.VALUE_SCHEMA, true);
        }

        public RawValueSerde(SchemaRegistryClient client) {
            super(RawRecords.VALUE_SCHEMA, client, false, true);
        }
    }

    /** {@link ScrapeRun}, the value of {@code prices.runs}. */
    public static final class ScrapeRunSerde extends AvroSerde<ScrapeRun> {
        public ScrapeRunSerde() {
            super(ScrapeRun.getClassSchema());
        }

        public ScrapeRunSerde(SchemaRegistryClient client) {
            super(ScrapeRun.getClassSchema(), client, false);
        }
    }

    /** {@link PriceChanged}, the value of {@code prices.changes}. */
    public static final class PriceChangedSerde extends AvroSerde<PriceChanged> {
        public PriceChangedSerde() {
            super(PriceChanged.getClassSchema());
        }

        public PriceChangedSerde(SchemaRegistryClient client) {
            super(PriceChanged.getClassSchema(), client, false);
        }
    }
}
