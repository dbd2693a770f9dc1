package io.pricestream.cli.export;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.pricestream.connect.schema.PriceSchemaMigrator;

/**
 * One consistent read of the price tables: a REPEATABLE READ, read-only transaction, so every table written
 * from it shows the same moment even while the sink keeps writing. Open, write any number of tables, close.
 *
 * <p>CSV goes through PostgreSQL's own {@code COPY ... TO STDOUT} (PgJDBC {@link CopyManager}); SQL is one
 * {@code INSERT} per row whose literals PostgreSQL quotes itself ({@code quote_nullable}), so every value —
 * numeric(38,12), jsonb, timestamps in UTC — loads back exactly.
 */
public final class PriceSnapshot implements AutoCloseable {

    /**
     * What a CSV snapshot holds: the current state and the history as readers see it (the view {@code infra_price_history},
     * closed periods and open ones). {@code sink_offsets} is left out: it belongs to one Kafka cluster.
     */
    public static final List<String> TABLES = List.of("infra_price", "infra_price_history");

    /**
     * What a SQL snapshot inserts, in load order: the stored tables. The open periods of {@code infra_price_history}
     * are {@code infra_price} rows, so they come back with it.
     */
    public static final List<String> STORED_TABLES = List.of("infra_price", "infra_price_period");

    private static final String SCHEMA = PriceSchemaMigrator.SCHEMA;

    private final Connection connection;

    private PriceSnapshot(Connection connection) {
        this.connection = connection;
    }

    /** Opens the snapshot transaction; the first query fixes the moment every table is read at. */
    public static PriceSnapshot open(String jdbcUrl, String user, String password) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                // Timestamps are written in UTC whatever the server's zone; the snapshot starts with this query.
                statement.execute("SET LOCAL TimeZone = 'UTC'");
                statement.executeQuery("SELECT 1").close();
            }
            return new PriceSnapshot(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** {@code table} as CSV with a header line, rows in primary-key order. */
    public long writeCsv(String table, Writer out) throws SQLException, IOException {
        String select = select(table, columns(table));
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        return copy.copyOut("COPY (" + select + ") TO STDOUT WITH (FORMAT csv, HEADER)", out);
    }

    /** {@code table} as {@code INSERT} statements (identity values kept), rows in primary-key order; returns the row count. */
    public long writeInserts(String table, Writer out) throws SQLException, IOException {
        List<String> columns = columns(table);
        String head = "INSERT INTO " + SCHEMA + "." + table + " (" + String.join(", ", columns) + ")"
                + (hasIdentity(table) ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (";
        List<String> quoted = columns.stream().map(c -> "quote_nullable(" + c + ")").toList();
        String query = "SELECT concat_ws(', ', " + String.join(", ", quoted) + ") FROM " + SCHEMA + "." + table + " ORDER BY " + order(table);
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet values = statement.executeQuery(query)) {
                while (values.next()) {
                    out.write(head);
                    out.write(values.getString(1));
                    out.write(");\n");
                    rows++;
                }
            }
        }
        return rows;
    }

    /** The SQL that sets {@code table}'s identity sequences past the loaded ids, so later inserts do not collide. */
    public List<String> identityResets(String table) throws SQLException {
        List<String> resets = new ArrayList<>();
        for (String column : identityColumns(table)) {
            resets.add("SELECT setval(pg_get_serial_sequence('" + SCHEMA + "." + table + "', '" + column + "'), "
                    + "COALESCE((SELECT max(" + column + ") FROM " + SCHEMA + "." + table + "), 0) + 1, false);");
        }
        return resets;
    }

    /** The applied schema version, so a reader knows which {@code db migrate} the dump needs. */
    public String schemaVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT version FROM " + SCHEMA + ".flyway_schema_history"
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return version.next() ? version.getString(1) : "none";
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }

    private String select(String table, List<String> columns) {
        return "SELECT " + String.join(", ", columns) + " FROM " + SCHEMA + "." + table + " ORDER BY " + order(table);
    }

    private static String order(String table) {
        return table.equals("infra_price") ? "cloud_provider, price_id" : "cloud_provider, price_id, valid_from";
    }

    /** Columns in table order, read from the catalogue so a column added by a later migration is exported too. */
    private List<String> columns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, SCHEMA);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("Table " + SCHEMA + "." + table + " does not exist; run `pricestream db migrate` first", "42P01");
        }
        return columns;
    }

    private boolean hasIdentity(String table) throws SQLException {
        return !identityColumns(table).isEmpty();
    }

    private List<String> identityColumns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND is_identity = 'YES' ORDER BY ordinal_position")) {
            query.setString(1, SCHEMA);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }
}
