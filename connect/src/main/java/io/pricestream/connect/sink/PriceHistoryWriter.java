package io.pricestream.connect.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps the history of prices, {@code api_price.infra_price_history}: for every real change or retirement of an
 * active price, its open period is closed at the new observation's {@code observed_at}.
 *
 * <p>The open period of an active price is not stored on its own: it is the price's {@code infra_price} row, from
 * {@code last_changed_at}, opened by {@code last_changed_run_id} (the view {@code infra_price_history} shows it so).
 * Closing it therefore copies that row's period columns into {@code infra_price_period} with its end, and must run
 * before {@link PriceUpsertWriter#write} moves the row on to the new content; opening the next one is that update.
 * Because stale observations were classified out first, a period never ends before it starts, and the table's
 * check ({@code valid_to > valid_from}) would refuse it if it did.
 */
final class PriceHistoryWriter {

    private static final String T = StagingLoader.TABLE;

    private static final String CLOSE = "INSERT INTO api_price.infra_price_period (cloud_provider, price_id, sku_id,"
            + " region, service, start_usage_amount, end_usage_amount, unit, price, currency, purchase_option, term,"
            + " effective_from, valid_from, valid_to, run_id)"
            + " SELECT p.cloud_provider, p.price_id, p.sku_id, p.region, p.service, p.start_usage_amount,"
            + " p.end_usage_amount, p.unit, p.price, p.currency, p.purchase_option, p.term, p.effective_from,"
            + " p.last_changed_at, s.observed_at, p.last_changed_run_id"
            + " FROM " + T + " s JOIN api_price.infra_price p ON p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id"
            + " WHERE s.outcome IN ('CHANGED', 'RETIRED') AND p.retired_at IS NULL";

    /** Closes the open periods the classified staging rows end. Runs before {@code infra_price} is updated. */
    void write(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(CLOSE);
        }
    }
}
