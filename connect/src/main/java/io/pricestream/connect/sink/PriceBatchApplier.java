package io.pricestream.connect.sink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.common.TopicPartition;

/**
 * Applies one {@link SinkBatch} to the price schema in ONE transaction: offsets fenced and stored, prices never
 * seen before copied straight in, the others copied into staging, classified, history periods closed and opened,
 * current state upserted. Either all
 * of it commits or none of it does, which is what makes the sink exactly-once into the database.
 *
 * <p>When the batch before held only first observations, the next is first tried as if it did too, without
 * probing for stored keys: if one is stored after all, the primary key refuses it, the transaction is rolled
 * back and the batch applied again the usual way. A full refresh into an empty schema never probes; a batch
 * of stored prices costs at most one refused attempt, right after a batch of only new ones.
 *
 * <p>Needs no Kafka: give it a connection and a batch. The caller owns the connection and retries. One
 * thread at a time: it remembers how the last batch went.
 */
public final class PriceBatchApplier {

    private final SinkOffsetStore offsets;
    private final NewPriceWriter firstObservations = new NewPriceWriter();
    private final StagingLoader staging = new StagingLoader();
    private final PriceUpsertWriter current = new PriceUpsertWriter();
    private final PriceHistoryWriter history = new PriceHistoryWriter();
    /** Whether the last batch applied held only first observations; so is the first guess, for an empty schema. */
    private boolean lastBatchAllNew = true;

    public PriceBatchApplier(SinkOffsetStore offsets) {
        this.offsets = offsets;
    }

    /**
     * Applies {@code batch} and commits.
     *
     * @param storedOffsets the offsets this instance last read or wrote for the batch's partitions (absent = none stored)
     * @throws OffsetFencedException if another instance moved an offset; nothing was written
     * @throws SQLException          on any database error; nothing was written
     */
    public ApplyResult apply(Connection connection, SinkBatch batch, Map<TopicPartition, Long> storedOffsets) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (lastBatchAllNew && !batch.prices().isEmpty()) {
                Optional<ApplyResult> allNew = applyAllNew(connection, batch, storedOffsets);
                if (allNew.isPresent()) {
                    return allNew.get();
                }
            }
            // offsets first: the row locks serialise competing instances before any price row is touched
            offsets.store(connection, batch.nextOffsets(), storedOffsets);
            ApplyResult result = new ApplyResult(Map.of());
            if (!batch.prices().isEmpty()) {
                result = write(connection, batch.prices());
                lastBatchAllNew = result.count(Outcome.NEW) + result.count(Outcome.NEW_RETIRED) == batch.prices().size();
            }
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            restoreAutoCommit(connection, autoCommit);
        }
    }

    /**
     * Applies {@code batch} as first observations only and commits, or rolls back and returns empty when the
     * primary key shows a price was stored already.
     */
    private Optional<ApplyResult> applyAllNew(Connection connection, SinkBatch batch, Map<TopicPartition, Long> storedOffsets)
            throws SQLException {
        offsets.store(connection, batch.nextOffsets(), storedOffsets);
        NewPriceWriter.Split split;
        try {
            split = firstObservations.writeAll(connection, batch.prices());
        } catch (SQLException e) {
            if (!NewPriceWriter.isStoredKey(e)) {
                throw e;
            }
            connection.rollback();
            lastBatchAllNew = false;
            return Optional.empty();
        }
        connection.commit();
        return Optional.of(new ApplyResult(split.counts()));
    }

    /**
     * Applies {@code price} alone and rolls it back: whether the database would refuse it, without writing
     * anything. Used to find the price that made a batch fail, so the rest can be written with the offsets.
     *
     * @throws SQLException the database's refusal
     */
    public void probe(Connection connection, SkuPrice price) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            write(connection, List.of(price));
        } finally {
            rollbackQuietly(connection, null);
            restoreAutoCommit(connection, autoCommit);
        }
    }

    /**
     * Writes {@code prices} inside the caller's transaction: first observations straight into the price tables,
     * the rest staged, classified and applied set-based.
     */
    private ApplyResult write(Connection connection, Collection<SkuPrice> prices) throws SQLException {
        NewPriceWriter.Split split = firstObservations.write(connection, prices);
        Map<Outcome, Integer> counts = split.counts();
        if (!split.stored().isEmpty()) {
            staging.load(connection, split.stored());
            current.classify(connection);
            countOutcomes(connection, counts);
            history.write(connection);
            current.write(connection);
        }
        return new ApplyResult(counts);
    }

    private static void countOutcomes(Connection connection, Map<Outcome, Integer> counts) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT outcome, count(*) FROM " + StagingLoader.TABLE + " GROUP BY outcome")) {
            while (rows.next()) {
                counts.merge(Outcome.valueOf(rows.getString(1)), rows.getInt(2), Integer::sum);
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException rollbackFailure) {
            // the connection is probably gone; the server rolls back on its own then
            if (failure != null) {
                failure.addSuppressed(rollbackFailure);
            }
        }
    }

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // a broken connection is replaced by the caller before the next batch
        }
    }
}
