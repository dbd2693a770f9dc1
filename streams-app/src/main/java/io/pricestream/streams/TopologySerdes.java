package io.pricestream.streams;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/**
 * The (de)serializers the topology needs, passed in so that {@code main} uses the registry-backed serdes
 * and tests can use the same serdes against an in-memory registry.
 *
 * <p>Raw records are read as bytes and decoded inside the validate processor with
 * {@code keyDeserializer} / {@code rawValueDeserializer}, so that an undecodable record is routed to the DLQ
 * instead of stopping the app. {@code rawValueDeserializer} returns a {@code SkuPrice} or a {@code RunMarker}.
 * {@code registry} gives the relevance pre-filter the writer schema of a raw value by its id.
 */
public record TopologySerdes(SchemaRegistryClient registry,
                             Deserializer<PriceKey> keyDeserializer,
                             Deserializer<?> rawValueDeserializer,
                             Serializer<PriceKey> keySerializer,
                             Serializer<SkuPrice> skuPriceSerializer) {

    /** The pipeline's Confluent wire-format serdes over {@code client} (subjects by TopicNameStrategy). */
    public static TopologySerdes of(SchemaRegistryClient client) {
        return new TopologySerdes(client, PriceSerdes.priceKey(client).deserializer(), PriceSerdes.rawValue(client).deserializer(),
                PriceSerdes.priceKey(client).serializer(), PriceSerdes.skuPrice(client).serializer());
    }
}
