package io.pricestream.cli.price;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pricestream.connect.schema.PriceSchemaMigrator;

/**
 * Reads the current row(s) of one price from {@code infra_price} — by price_id, or every price of a sku_id —
 * with their {@code infra_price_history} periods, in one read-only transaction so rows and periods agree.
 */
public final class PriceLookup {

    private static final String SCHEMA = PriceSchemaMigrator.SCHEMA;

    /** One {@code infra_price} row (column → value) and its periods, oldest first. */
    public record Found(Map<String, Object> row, List<Map<String, Object>> history) {
    }

    private PriceLookup() {
    }

    /**
     * Values: text as {@code String}, numeric as {@code BigDecimal} without trailing zeros, timestamps as
     * {@code Instant}, jsonb as its JSON text; SQL NULL as {@code null}.
     */
    public static List<Found> find(String jdbcUrl, String user, String password, String csp, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                List<Found> found = new ArrayList<>();
                for (Map<String, Object> row : query(connection, "SELECT * FROM " + SCHEMA + ".infra_price"
                        + " WHERE cloud_provider = ? AND (price_id = ? OR sku_id = ?) ORDER BY price_id", csp, id, id)) {
                    found.add(new Found(row, query(connection, "SELECT * FROM " + SCHEMA + ".infra_price_history"
                            + " WHERE cloud_provider = ? AND price_id = ? ORDER BY valid_from", csp, (String) row.get("price_id"))));
                }
                return found;
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<Map<String, Object>> query(Connection connection, String sql, String... parameters) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnName(c), value(result, c, meta.getColumnType(c)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Object value(ResultSet result, int column, int type) throws SQLException {
        switch (type) {
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal number = result.getBigDecimal(column);
                return number == null ? null : number.stripTrailingZeros();
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
                return time == null ? null : time.toInstant();
            }
            case Types.BIGINT -> {
                long number = result.getLong(column);
                return result.wasNull() ? null : number;
            }
            default -> {
                return result.getString(column);
            }
        }
    }
}
