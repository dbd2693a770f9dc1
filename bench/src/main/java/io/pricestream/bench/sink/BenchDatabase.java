package io.pricestream.bench.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The benchmark's own connections to the stack's PostgreSQL: setup DDL, checkpoints, row counts and waiting for them. */
public final class BenchDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(BenchDatabase.class);

    private final String url;
    private final String user;
    private final String password;

    public BenchDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed at " + url + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Flushes dirty pages before a measured stage so no stage pays for the previous one's writes. */
    public void checkpoint() {
        execute("CHECKPOINT");
    }

    /**
     * Makes PostgreSQL write, and at the checkpoint after it recycle, about 1.3 GB of WAL before the first measured
     * stage. The bench's cluster is new: it has no WAL segments to recycle yet, so the first stage to write paid
     * for creating and zero-filling them (a 1M-row COPY: 14.5 s on a new cluster, 11.5 s once it had written as
     * much WAL before). A server that has been running recycles its segments; so does the bench after this.
     * PostgreSQL keeps at most {@code max_wal_size} (1 GB by default) for recycling, so a stage that writes more
     * than that between checkpoints still creates some, as it would on that server.
     *
     * @return the WAL written, in bytes
     */
    public long warmWal() {
        String table = "public.bench_wal_warmup";
        execute("DROP TABLE IF EXISTS " + table);
        long before = System.nanoTime();
        String start = queryString("SELECT pg_current_wal_lsn()::text");
        // ~265 bytes of WAL per row
        execute("CREATE TABLE " + table + " AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 5000000) AS g");
        execute("DROP TABLE " + table);
        checkpoint();
        long written = queryLong("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint", start);
        LOG.info("Warmed the WAL: {} MiB written and recycled in {} ms", written >> 20, (System.nanoTime() - before) / 1_000_000);
        return written;
    }

    public long queryLong(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            // a table created by the peer under test may not exist yet: that is "0 rows so far"
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw new IllegalStateException("Query failed at " + url + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    public String queryString(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed at " + url + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a poll loop saw: when the watched count was first above zero (the stage's first commit), its value
     * then, and when it first reached the target. Each is known to within one poll interval.
     */
    public record Progress(long firstNanos, long firstValue, long doneNanos) {

        /** Records moved after the first commit was seen, or 0 when the first poll already saw the target. */
        public long steadyRecords(long target) {
            return Math.max(0, target - firstValue);
        }
    }

    /**
     * Polls {@code value} every {@code interval} until it reaches {@code target}.
     *
     * @throws IllegalStateException naming {@code what} when {@code timeout} passes first, or when {@code failed} holds
     */
    public static Progress await(String what, LongSupplier value, long target, BooleanSupplier failed, Duration interval,
                                 Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstNanos = -1;
        long firstValue = 0;
        while (true) {
            long now = value.getAsLong();
            long at = System.nanoTime();
            if (now > 0 && firstNanos < 0) {
                firstNanos = at;
                firstValue = now;
            }
            if (now >= target) {
                return new Progress(firstNanos, firstValue, at);
            }
            if (failed.getAsBoolean()) {
                throw new IllegalStateException("Gave up waiting for " + what + " at " + now + ": the stage under test failed (see log)");
            }
            if (at > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout.toSeconds() + " s at " + now);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what, e);
            }
        }
    }
}
