package io.pricestream.bench.pipeline;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.pricestream.bench.sink.BenchDatabase;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;

/**
 * Issue 8's incremental goal, "writes only what changed", checked against csp-sim's own truth rather than
 * against what the pipeline reports: before the advance the stored active prices are read from
 * {@code infra_price}; after it, csp-sim's truth says which of them now have another price. Exactly those
 * rows must get a new price and a new history period, and nothing else may.
 */
final class IncrementalExpectation {

    /** What csp-sim's truth expects, and what the database shows after the incremental refresh. */
    record Outcome(long expectedPriceChanges, long rowsWithNewPrice, long rowsWithWrongPrice, long newRows, long retiredRows) {

        /** Every stored price the truth changed got its new price, and no other stored price moved. */
        boolean exact() {
            return expectedPriceChanges == rowsWithNewPrice && rowsWithWrongPrice == 0;
        }

        /** The change events the incremental refresh should publish: one per changed, new or retired row. */
        long expectedEvents() {
            return rowsWithNewPrice + newRows + retiredRows;
        }

        @Override
        public String toString() {
            return "csp-sim truth: " + expectedPriceChanges + " stored relevant prices changed; infra_price: "
                    + rowsWithNewPrice + " rows got a new price, " + rowsWithWrongPrice + " rows differ from the truth, "
                    + newRows + " rows new, " + retiredRows + " rows retired";
        }
    }

    private static final String ACTIVE = "SELECT cloud_provider, price_id, price FROM api_price.infra_price WHERE retired_at IS NULL";

    private final Map<String, BigDecimal> before;

    private IncrementalExpectation(Map<String, BigDecimal> before) {
        this.before = before;
    }

    /** Reads the stored active prices; call before the advance. */
    static IncrementalExpectation snapshot(BenchDatabase database) throws SQLException {
        return new IncrementalExpectation(active(database));
    }

    /** Compares the truth after the advance and the stored prices after the incremental refresh with the snapshot. */
    Outcome check(CatalogueTruth truthAfter, BenchDatabase database) throws SQLException {
        Map<String, BigDecimal> after = active(database);
        long[] expected = new long[1];
        long[] wrong = new long[1];
        for (Csp csp : Csp.values()) {
            String cloud = csp.name().toLowerCase(Locale.ROOT);
            truthAfter.forEach(csp, price -> {
                String key = cloud + "/" + price.priceId();
                BigDecimal old = before.get(key);
                if (old == null) {
                    return;
                }
                if (old.compareTo(price.price()) != 0) {
                    expected[0]++;
                }
                BigDecimal stored = after.get(key);
                if (stored == null || stored.compareTo(price.price()) != 0) {
                    wrong[0]++;
                }
            });
        }
        long changed = 0;
        long added = 0;
        long retired = before.keySet().stream().filter(key -> !after.containsKey(key)).count();
        for (Map.Entry<String, BigDecimal> row : after.entrySet()) {
            BigDecimal old = before.get(row.getKey());
            if (old == null) {
                added++;
            } else if (old.compareTo(row.getValue()) != 0) {
                changed++;
            }
        }
        return new Outcome(expected[0], changed, wrong[0], added, retired);
    }

    private static Map<String, BigDecimal> active(BenchDatabase database) throws SQLException {
        Map<String, BigDecimal> prices = new HashMap<>();
        try (Connection connection = database.connect()) {
            // a cursor, not the whole result at once: at 5M catalogue points the relevant rows are many
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(ACTIVE)) {
                statement.setFetchSize(10_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        prices.put(rows.getString(1) + "/" + rows.getString(2), rows.getBigDecimal(3));
                    }
                }
            }
        }
        return prices;
    }
}
