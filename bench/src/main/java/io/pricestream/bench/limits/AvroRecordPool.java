package io.pricestream.bench.limits;

import java.time.Instant;

import io.pricestream.bench.data.SkuPriceGenerator;
import io.pricestream.bench.kafka.TopicFiller;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A fixed pool of serialised price records (Avro, Confluent wire format) cycled to make any number of
 * records of realistic size, so a limit measurement spends no time serialising.
 */
final class AvroRecordPool {

    private final TopicFiller.Bytes[] records;
    private final long totalBytes;

    AvroRecordPool(String schemaRegistryUrl, String topic, int size, long seed) {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(schemaRegistryUrl);
        Serializer<PriceKey> keys = PriceSerdes.priceKey(registry).serializer();
        Serializer<SkuPrice> values = PriceSerdes.skuPrice(registry).serializer();
        SkuPriceGenerator generator = new SkuPriceGenerator(seed, Instant.parse("2026-11-20T06:00:00Z"), "bench-run-1");
        records = new TopicFiller.Bytes[size];
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            SkuPrice price = generator.price(i);
            records[i] = new TopicFiller.Bytes(keys.serialize(topic, new PriceKey(price.getCsp(), price.getPriceId())),
                    values.serialize(topic, price));
            bytes += records[i].key().length + records[i].value().length;
        }
        totalBytes = bytes;
    }

    TopicFiller.Bytes get(long index) {
        return records[(int) (index % records.length)];
    }

    /** Average serialised key + value size in bytes. */
    long averageBytes() {
        return totalBytes / records.length;
    }
}
