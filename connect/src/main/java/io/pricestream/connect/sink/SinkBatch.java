package io.pricestream.connect.sink;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one sink transaction: the newest observation of every price in the batch, and how far
 * the batch got in each partition.
 *
 * <p>Within a batch only the observation with the latest {@code observed_at} of each price is kept; on a
 * tie the one read first stays. This is the same rule the database applies across batches (a record is
 * applied only when strictly newer than the stored one), so replaying a batch changes nothing.
 * Intermediate states inside one batch are collapsed: history granularity is one period per applied
 * change, as on the compacted {@code prices.sku} topic itself.
 */
public final class SinkBatch {

    private final Map<PriceRef, SkuPrice> latest = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
    private int records;
    private int superseded;

    /**
     * A batch of exactly these prices and offsets; the sink uses it to write prices one at a time when a
     * whole batch was refused, and then the offsets alone.
     */
    public static SinkBatch of(Collection<SkuPrice> prices, Map<TopicPartition, Long> nextOffsets) {
        SinkBatch batch = new SinkBatch();
        prices.forEach(price -> batch.latest.put(PriceRef.of(price), price));
        batch.records = prices.size();
        batch.nextOffsets.putAll(nextOffsets);
        return batch;
    }

    /**
     * Adds one observation read at {@code offset} of {@code partition}.
     *
     * @return whether it is now the observation kept for its price
     */
    public boolean add(TopicPartition partition, long offset, SkuPrice price) {
        Objects.requireNonNull(price, "price");
        advance(partition, offset);
        records++;
        SkuPrice kept = latest.get(PriceRef.of(price));
        if (kept == null || price.getObservedAt().isAfter(kept.getObservedAt())) {
            latest.put(PriceRef.of(price), price);
            if (kept != null) {
                superseded++;
            }
            return true;
        }
        superseded++;
        return false;
    }

    /** Moves the partition's position past a record that carries no price (sent to the DLQ, or a tombstone). */
    public void advance(TopicPartition partition, long offset) {
        nextOffsets.merge(partition, offset + 1, Math::max);
    }

    /** The newest observation of each price, in the order the prices were first read. */
    public Collection<SkuPrice> prices() {
        return Collections.unmodifiableCollection(latest.values());
    }

    /** For each partition touched, the offset of the first record after this batch. */
    public Map<TopicPartition, Long> nextOffsets() {
        return Collections.unmodifiableMap(nextOffsets);
    }

    /** Records added (not counting skipped ones). */
    public int records() {
        return records;
    }

    /** Observations replaced by a newer one of the same price within this batch, or older than the one kept. */
    public int superseded() {
        return superseded;
    }

    /** Nothing to write and no offset to store. */
    public boolean isEmpty() {
        return nextOffsets.isEmpty() && latest.isEmpty();
    }
}
