package io.pricestream.connect.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the price schema back in a form tests can compare: prices normalised so 1.50 equals 1.5. */
public final class StoredPrices {

    /** One row of {@code infra_price}, reduced to what the sink's rules decide. */
    public record Current(String csp, String priceId, BigDecimal price, BigDecimal tierStart, BigDecimal tierEnd,
                          String unit, String currency, Instant effectiveFrom, Instant firstSeenAt,
                          Instant lastChangedAt, Instant observedAt, Instant retiredAt, String runId) {
    }

    /** One row of {@code infra_price_history}. */
    public record Period(String csp, String priceId, BigDecimal price, String unit, Instant validFrom, Instant validTo) {
    }

    /** One row of {@code infra_price_history} with every column it has: a period's whole content and the run that opened it. */
    public record FullPeriod(String csp, String priceId, String skuId, String region, String service, BigDecimal tierStart,
                             BigDecimal tierEnd, String unit, BigDecimal price, String currency, String purchaseOption,
                             String term, Instant effectiveFrom, Instant validFrom, Instant validTo, String runId) {

        public Period period() {
            return new Period(csp, priceId, price, unit, validFrom, validTo);
        }

        public FullPeriod closedAt(Instant end) {
            return new FullPeriod(csp, priceId, skuId, region, service, tierStart, tierEnd, unit, price, currency,
                    purchaseOption, term, effectiveFrom, validFrom, end, runId);
        }
    }

    private StoredPrices() {
    }

    public static List<Current> current(Connection connection) throws SQLException {
        List<Current> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet r = statement.executeQuery(
                "SELECT cloud_provider, price_id, price, start_usage_amount, end_usage_amount, unit, currency, effective_from,"
                        + " first_seen_at, last_changed_at, observed_at, retired_at, run_id"
                        + " FROM api_price.infra_price ORDER BY cloud_provider, price_id")) {
            while (r.next()) {
                rows.add(new Current(r.getString(1), r.getString(2), norm(r.getBigDecimal(3)), norm(r.getBigDecimal(4)),
                        norm(r.getBigDecimal(5)), r.getString(6), r.getString(7), instant(r.getTimestamp(8)),
                        instant(r.getTimestamp(9)), instant(r.getTimestamp(10)), instant(r.getTimestamp(11)),
                        instant(r.getTimestamp(12)), r.getString(13)));
            }
        }
        return rows;
    }

    public static List<Period> history(Connection connection) throws SQLException {
        return fullHistory(connection).stream().map(FullPeriod::period).toList();
    }

    public static List<FullPeriod> fullHistory(Connection connection) throws SQLException {
        List<FullPeriod> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet r = statement.executeQuery(
                "SELECT cloud_provider, price_id, sku_id, region, service, start_usage_amount, end_usage_amount, unit, price,"
                        + " currency, purchase_option, term, effective_from, valid_from, valid_to, run_id"
                        + " FROM api_price.infra_price_history ORDER BY cloud_provider, price_id, valid_from")) {
            while (r.next()) {
                rows.add(new FullPeriod(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        norm(r.getBigDecimal(6)), norm(r.getBigDecimal(7)), r.getString(8), norm(r.getBigDecimal(9)),
                        r.getString(10), r.getString(11), r.getString(12), instant(r.getTimestamp(13)),
                        instant(r.getTimestamp(14)), instant(r.getTimestamp(15)), r.getString(16)));
            }
        }
        return rows;
    }

    public static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet r = statement.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    public static BigDecimal norm(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
