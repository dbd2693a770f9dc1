package io.pricestream.connect.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps {@code api_price.infra_price_history}: for every real change the open period of the price is
 * closed at the new observation's {@code observed_at} and a new period opens there; a retirement only
 * closes. Because stale observations were classified out first, a period never starts before the one it
 * follows, and the table's period check ({@code valid_to > valid_from}) would refuse it if it did.
 *
 * <p>The open period is found by the primary key, at the stored price's {@code last_changed_at}
 * ({@code open_from}, set by {@link PriceUpsertWriter#classify}): there is no index on open periods to
 * keep up, which a full refresh, opening one period per price, paid for on every row.
 */
final class PriceHistoryWriter {

    private static final String T = StagingLoader.TABLE;

    private static final String CLOSE = "UPDATE api_price.infra_price_history h SET valid_to = s.observed_at"
            + " FROM " + T + " s"
            + " WHERE s.outcome IN ('CHANGED', 'RETIRED') AND h.valid_to IS NULL"
            + " AND h.cloud_provider = s.cloud_provider AND h.price_id = s.price_id AND h.valid_from = s.open_from";

    private static final String OPEN = "INSERT INTO api_price.infra_price_history (cloud_provider, price_id, sku_id,"
            + " region, service, start_usage_amount, end_usage_amount, unit, price, currency, purchase_option, term,"
            + " effective_from, valid_from, run_id)"
            + " SELECT cloud_provider, price_id, sku_id, region, service, start_usage_amount, end_usage_amount, unit,"
            + " price, currency, purchase_option, term, effective_from, observed_at, run_id"
            + " FROM " + T + " WHERE outcome IN ('NEW', 'CHANGED')";

    /** Closes, then opens, periods for the classified staging rows; closing first keeps periods disjoint at every step. */
    void write(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(CLOSE);
            statement.executeUpdate(OPEN);
        }
    }
}
