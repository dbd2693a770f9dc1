package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Evidence, kept by the database itself, of which transaction applied which record: triggers log every move
 * of a stored sink offset and every {@code infra_price} row written, with the writing transaction's id and
 * the run id that names the record (see {@link ChangeSequenceLoad}). A rolled-back transaction leaves no
 * log, just as it leaves no rows; a committed one cannot hide its writes.
 *
 * <p>This sees what the tables alone cannot: the sink's no-regression rule makes a replayed record change
 * nothing in {@code infra_price}, but replaying it still moves (or rewrites) the offsets, and a record whose
 * replay slipped past the rule writes its row a second time.
 */
final class ExactlyOnceAudit {

    /** A stored offset moved from {@code from} (null: the row was inserted) to {@code to}, in transaction {@code txid}. */
    record OffsetMove(long txid, int partition, Long from, long to) {
    }

    /** Where a record sits in the topic. */
    record Position(int partition, long offset) {
    }

    private static final String INSTALL = """
            CREATE SCHEMA crash_audit;
            CREATE TABLE crash_audit.offset_move (id bigserial PRIMARY KEY, txid bigint NOT NULL,
                kafka_partition integer NOT NULL, from_offset bigint, to_offset bigint NOT NULL);
            CREATE TABLE crash_audit.price_write (id bigserial PRIMARY KEY, txid bigint NOT NULL, run_id text NOT NULL);
            CREATE FUNCTION crash_audit.log_offset_move() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO crash_audit.offset_move (txid, kafka_partition, from_offset, to_offset)
              VALUES (txid_current(), NEW.kafka_partition, CASE WHEN TG_OP = 'UPDATE' THEN OLD.next_offset END, NEW.next_offset);
              RETURN NULL;
            END $$;
            CREATE FUNCTION crash_audit.log_price_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO crash_audit.price_write (txid, run_id) VALUES (txid_current(), NEW.run_id);
              RETURN NULL;
            END $$;
            CREATE TRIGGER crash_audit_offset_move AFTER INSERT OR UPDATE ON api_price.sink_offsets
                FOR EACH ROW EXECUTE FUNCTION crash_audit.log_offset_move();
            CREATE TRIGGER crash_audit_price_write AFTER INSERT OR UPDATE ON api_price.infra_price
                FOR EACH ROW EXECUTE FUNCTION crash_audit.log_price_write();
            """;

    private ExactlyOnceAudit() {
    }

    /** Adds the log tables (schema {@code crash_audit}) and triggers; the price schema must be migrated first. */
    static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(INSTALL);
        }
    }

    /**
     * Asserts that each partition's stored offset only ever moved forward, from nothing to its end, and that
     * every price row was written once per record the model applies, in a transaction that moved its
     * partition's offset over that very record.
     *
     * @param positions        where each run id's record sits in the topic
     * @param expectedWrites   the run ids whose records write a row (the model's; stale records write none)
     * @param endOffsets       per partition, the offset after its last record
     */
    static void verify(Connection connection, Map<String, Position> positions, List<String> expectedWrites,
                       Map<Integer, Long> endOffsets) throws SQLException {
        List<OffsetMove> moves = offsetMoves(connection);
        assertOffsetsOnlyMovedForward(moves, endOffsets);
        assertEachRecordWrittenOnceWithItsOffset(priceWrites(connection), moves, positions, expectedWrites);
    }

    /** One writer at a time here, so the log's order (a sequence) is the commit order. */
    private static void assertOffsetsOnlyMovedForward(List<OffsetMove> moves, Map<Integer, Long> endOffsets) {
        Map<Integer, List<OffsetMove>> byPartition = moves.stream().collect(Collectors.groupingBy(OffsetMove::partition));
        assertThat(byPartition.keySet()).as("partitions with a stored offset").isEqualTo(endOffsets.keySet());
        byPartition.forEach((partition, history) -> {
            assertThat(history.get(0).from()).as("partition %d: its first offset write inserts its row: %s", partition, history.get(0)).isNull();
            long reached = 0;
            for (int i = 0; i < history.size(); i++) {
                OffsetMove move = history.get(i);
                if (i > 0) {
                    assertThat(move.from()).as("partition %d: a write starts where the last one ended: %s", partition, move).isEqualTo(reached);
                }
                // a replayed batch would rewrite the offset to where it already was, or move it back
                assertThat(move.to()).as("partition %d: every write moves the offset forward: %s", partition, move).isGreaterThan(reached);
                reached = move.to();
            }
            assertThat(reached).as("partition %d: last stored offset", partition).isEqualTo(endOffsets.get(partition));
        });
    }

    private static void assertEachRecordWrittenOnceWithItsOffset(List<Map.Entry<Long, String>> writes, List<OffsetMove> moves,
                                                                 Map<String, Position> positions, List<String> expectedWrites) {
        Map<String, Long> timesWritten = writes.stream().collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new, Collectors.counting()));
        assertThat(first(timesWritten.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " " + e.getValue() + " times")))
                .as("records whose price row was written more than once (applied twice)").isEmpty();
        Set<String> expected = new TreeSet<>(expectedWrites);
        assertThat(first(expected.stream().filter(runId -> !timesWritten.containsKey(runId))))
                .as("records the model applies whose price row was never written").isEmpty();
        assertThat(first(timesWritten.keySet().stream().filter(runId -> !expected.contains(runId))))
                .as("records the model finds stale (or superseded) whose price row was written").isEmpty();

        Map<Long, List<OffsetMove>> movesByTransaction = moves.stream().collect(Collectors.groupingBy(OffsetMove::txid));
        assertThat(first(writes.stream().filter(write -> !coveredBySameTransaction(write, positions, movesByTransaction))
                .map(write -> write.getValue() + " at " + positions.get(write.getValue()) + " in transaction " + write.getKey()
                        + " moving " + movesByTransaction.getOrDefault(write.getKey(), List.of()))))
                .as("price rows written in a transaction that did not move their partition's offset over their record")
                .isEmpty();
    }

    private static boolean coveredBySameTransaction(Map.Entry<Long, String> write, Map<String, Position> positions,
                                                    Map<Long, List<OffsetMove>> movesByTransaction) {
        Position position = Objects.requireNonNull(positions.get(write.getValue()), write.getValue());
        return movesByTransaction.getOrDefault(write.getKey(), List.of()).stream()
                .anyMatch(move -> move.partition() == position.partition()
                        && position.offset() >= (move.from() == null ? 0 : move.from()) && position.offset() < move.to());
    }

    /** At most the first 20 problems, so a systematic failure still reads as a message. */
    private static List<String> first(Stream<String> problems) {
        return problems.limit(20).toList();
    }

    private static List<OffsetMove> offsetMoves(Connection connection) throws SQLException {
        List<OffsetMove> moves = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT txid, kafka_partition, from_offset, to_offset FROM crash_audit.offset_move ORDER BY id")) {
            while (rows.next()) {
                long from = rows.getLong(3);
                Long fromOrNull = rows.wasNull() ? null : from;
                moves.add(new OffsetMove(rows.getLong(1), rows.getInt(2), fromOrNull, rows.getLong(4)));
            }
        }
        return moves;
    }

    private static List<Map.Entry<Long, String>> priceWrites(Connection connection) throws SQLException {
        List<Map.Entry<Long, String>> writes = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT txid, run_id FROM crash_audit.price_write ORDER BY id")) {
            while (rows.next()) {
                writes.add(Map.entry(rows.getLong(1), rows.getString(2)));
            }
        }
        return writes;
    }
}
