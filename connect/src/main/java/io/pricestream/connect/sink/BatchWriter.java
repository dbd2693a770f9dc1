package io.pricestream.connect.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@link ConsumedBatch} with its offsets in one transaction, retrying transient failures; when the
 * database refuses the batch for another reason, finds the refused prices one at a time, sends them to the DLQ
 * and writes the rest with the batch's offsets. Runs on the sink's writer thread and needs no consumer.
 */
final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final SinkDatabase database;
    private final DatabaseRetries retries;
    private final PriceBatchApplier applier;
    private final DeadLetterPublisher deadLetters;
    private final SinkMetrics metrics;

    BatchWriter(SinkDatabase database, DatabaseRetries retries, PriceBatchApplier applier, DeadLetterPublisher deadLetters,
                SinkMetrics metrics) {
        this.database = database;
        this.retries = retries;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * Writes {@code consumed} and commits.
     *
     * @param expected the offsets stored for the batch's partitions as the sink last read or wrote them (absent = none)
     * @return the next offsets the commit stored
     * @throws OffsetFencedException if another instance moved an offset; nothing was written
     * @throws SinkWriteException    if the database stayed unreachable through every retry; nothing was written
     */
    Map<TopicPartition, Long> write(ConsumedBatch consumed, Map<TopicPartition, Long> expected) {
        SinkBatch batch = consumed.batch();
        try {
            ApplyResult result = apply(batch, expected);
            metrics.applied(result, batch.superseded());
            LOG.debug("Wrote batch of {} records: {}", batch.records(), result.counts());
        } catch (SQLException e) {
            isolate(consumed, expected, e);
        }
        return batch.nextOffsets();
    }

    /**
     * The database refused the batch for a reason a retry will not fix. Each price is tried alone and rolled
     * back to find the refused ones; those go to the DLQ first (so a crash after the commit cannot lose them);
     * then the rest is written with the batch's offsets in one transaction, as every batch is.
     */
    private void isolate(ConsumedBatch consumed, Map<TopicPartition, Long> expected, SQLException cause) {
        SinkBatch refused = consumed.batch();
        LOG.warn("Database refused a batch of {} prices ({}: {}); trying them one at a time to find the bad ones",
                refused.prices().size(), cause.getSQLState(), cause.getMessage());
        List<SkuPrice> accepted = new ArrayList<>();
        for (SkuPrice price : refused.prices()) {
            try {
                retries.call("try price '" + PriceRef.of(price) + "' alone", () -> {
                    applier.probe(database.connection(), price);
                    return null;
                });
                accepted.add(price);
            } catch (SQLException e) {
                ConsumerRecord<byte[], byte[]> source = consumed.sources().get(PriceRef.of(price));
                deadLetters.publish(source, "database", "'" + source.topic() + "'-" + source.partition() + "@" + source.offset()
                        + ": price '" + PriceRef.of(price) + "' refused by the database: " + e.getMessage());
                metrics.deadLettered("database");
            }
        }
        SinkBatch rest = SinkBatch.of(accepted, refused.nextOffsets());
        try {
            metrics.applied(apply(rest, expected), refused.superseded());
        } catch (SQLException e) {
            throw new SinkWriteException("Cannot write the " + accepted.size() + " prices the database accepted one by one, with "
                    + "their offsets, to " + database.describe() + ": " + e.getMessage() + "; nothing of the batch was stored, "
                    + "it is read again on restart", e);
        }
    }

    private ApplyResult apply(SinkBatch batch, Map<TopicPartition, Long> expected) throws SQLException {
        long started = System.nanoTime();
        try {
            return retries.call("write a batch of " + batch.prices().size() + " prices",
                    () -> applier.apply(database.connection(), batch, expected));
        } finally {
            metrics.applyTimer().record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
