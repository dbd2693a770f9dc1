package io.pricestream.cli.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.TopicPartition;

import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.sink.SinkOffsetStore;

/**
 * The read-only questions {@code up} and {@code status} ask the price database: the sink's stored offsets,
 * row and history counts, rows written by a run, and how far the CDC slot has confirmed the WAL.
 */
public final class PriceDatabase {

    /** Rows of infra_price and periods of infra_price_history of one CSP. */
    public record Counts(long activeRows, long retiredRows, long historyPeriods) {
    }

    private final String url;
    private final Properties credentials = new Properties();

    public PriceDatabase(String url, String user, String password) {
        this.url = url;
        if (user != null && !user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
    }

    /** The sink group's next offset per partition of {@code topic}, as committed with its rows. */
    public Map<TopicPartition, Long> sinkOffsets(String group, String topic) {
        return connected(connection -> new SinkOffsetStore(group).loadAll(connection, topic));
    }

    /** Per CSP (cloud_provider), active rows, retired rows and history periods. */
    public Map<String, Counts> counts() {
        return query("""
                SELECT p.cloud_provider, p.active, p.retired, coalesce(h.periods, 0)
                FROM (SELECT cloud_provider, count(*) FILTER (WHERE retired_at IS NULL) AS active,
                             count(*) FILTER (WHERE retired_at IS NOT NULL) AS retired
                      FROM api_price.infra_price GROUP BY cloud_provider) p
                LEFT JOIN (SELECT cloud_provider, count(*) AS periods FROM api_price.infra_price_history GROUP BY cloud_provider) h
                  ON h.cloud_provider = p.cloud_provider
                ORDER BY p.cloud_provider""", statement -> {
            Map<String, Counts> counts = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), new Counts(rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
            return counts;
        });
    }

    /** infra_price rows whose last write came from one of these runs (new, changed, retired or refreshed by them). */
    public Map<String, Long> rowsWrittenByRun(Collection<String> runIds) {
        return query("SELECT run_id, count(*) FROM api_price.infra_price WHERE run_id = ANY (?) GROUP BY run_id", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", runIds.toArray()));
            Map<String, Long> written = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    written.put(rows.getString(1), rows.getLong(2));
                }
            }
            return written;
        });
    }

    /**
     * The id of the youngest transaction that wrote a row of infra_price still visible (xmin), as a number;
     * empty when the table is empty. The sink only inserts and updates, so this is its last writing transaction.
     */
    public java.util.OptionalLong lastPriceWriteTransaction() {
        return query("SELECT xmin::text::bigint FROM api_price.infra_price ORDER BY age(xmin) LIMIT 1", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? java.util.OptionalLong.of(rows.getLong(1)) : java.util.OptionalLong.empty();
            }
        });
    }

    /** A replication slot: in use by a publisher or not, and the WAL bytes between its confirmed position and now. */
    public record SlotState(boolean active, Long walBehindBytes) {
    }

    public Optional<SlotState> slot(String slot) {
        return query("SELECT active, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint FROM pg_replication_slots "
                + "WHERE slot_name = ?", statement -> {
            statement.setString(1, slot);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long behind = rows.getLong(2);
                return Optional.of(new SlotState(rows.getBoolean(1), rows.wasNull() ? null : behind));
            }
        });
    }

    private interface Query<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T query(String sql, Query<T> query) {
        return connected(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return query.run(statement);
            }
        });
    }

    private <T> T connected(Work<T> work) {
        try (Connection connection = DriverManager.getConnection(url, credentials)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Query on PostgreSQL at " + PriceSchemaMigrator.maskedUrl(url) + " failed: " + e.getMessage(), e);
        }
    }
}
