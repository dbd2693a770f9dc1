package io.pricestream.connect.sink;

import org.apache.kafka.common.TopicPartition;

/**
 * The stored offset of a partition is not the one this sink instance last wrote or read: another
 * instance of the group has written it since (a rebalance this one has not seen yet). The batch is rolled
 * back; the sink re-reads the stored offsets and continues from there.
 */
public class OffsetFencedException extends RuntimeException {

    public OffsetFencedException(String group, TopicPartition partition, Long expected) {
        super("Offset of '" + partition + "' for group '" + group + "' is no longer "
                + (expected == null ? "unset" : expected) + ": another sink instance has written it; batch rolled back");
    }
}
