package io.pricestream.connect.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Classifies every staged observation against the stored current state, then writes
 * {@code api_price.infra_price} with set-based statements.
 *
 * <p>The rule that keeps the current state from regressing: an observation is applied only when its
 * {@code observed_at} is strictly later than the stored one; anything else is {@link Outcome#STALE}.
 * A retirement keeps the last active content and only sets {@code retired_at}.
 */
final class PriceUpsertWriter {

    private static final String T = StagingLoader.TABLE;

    // A price really changes when one of the columns a history period shows differs: a period is a span of equal
    // content, which is what lets infra_price_history read the open period from infra_price. Descriptive fields
    // (names, attributes, published unit) do not open a period.
    private static final String CONTENT_DIFFERS = "s.price <> p.price"
            + " OR s.start_usage_amount <> p.start_usage_amount"
            + " OR s.end_usage_amount IS DISTINCT FROM p.end_usage_amount"
            + " OR s.unit <> p.unit"
            + " OR s.currency <> p.currency"
            + " OR s.effective_from IS DISTINCT FROM p.effective_from"
            + " OR s.sku_id <> p.sku_id"
            + " OR s.region <> p.region"
            + " OR s.service <> p.service"
            + " OR s.purchase_option <> p.purchase_option"
            + " OR s.term IS DISTINCT FROM p.term";

    private static final String CLASSIFY_EXISTING = "UPDATE " + T + " s SET outcome = CASE"
            + " WHEN s.observed_at <= p.observed_at THEN 'STALE'"
            + " WHEN s.retired THEN CASE WHEN p.retired_at IS NULL THEN 'RETIRED' ELSE 'UNCHANGED' END"
            + " WHEN p.retired_at IS NOT NULL OR " + CONTENT_DIFFERS + " THEN 'CHANGED'"
            + " ELSE 'UNCHANGED' END"
            + " FROM api_price.infra_price p"
            + " WHERE p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id";

    private static final String CLASSIFY_NEW = "UPDATE " + T
            + " SET outcome = CASE WHEN retired THEN 'NEW_RETIRED' ELSE 'NEW' END WHERE outcome IS NULL";

    private static final String INSERT_NEW = "INSERT INTO api_price.infra_price (" + CopyCsv.PRICE_COLUMNS
            + ", first_seen_at, last_changed_at, retired_at, last_changed_run_id)"
            + " SELECT " + CopyCsv.PRICE_COLUMNS
            + ", observed_at, observed_at, CASE WHEN retired THEN observed_at END, run_id"
            + " FROM " + T + " WHERE outcome IN ('NEW', 'NEW_RETIRED')";

    // Active observations: content and descriptive fields move; last_changed_at and retired_at only on a real change.
    private static final String UPDATE_ACTIVE = "UPDATE api_price.infra_price p SET"
            + " sku_id = s.sku_id, region = s.region, sku_name = s.sku_name, service = s.service,"
            + " service_name = s.service_name, product_family = s.product_family,"
            + " start_usage_amount = s.start_usage_amount, end_usage_amount = s.end_usage_amount, unit = s.unit,"
            + " unit_published = s.unit_published, unit_multiplier = s.unit_multiplier, price = s.price,"
            + " currency = s.currency, purchase_option = s.purchase_option, term = s.term, attributes = s.attributes,"
            + " effective_from = s.effective_from, observed_at = s.observed_at, run_id = s.run_id,"
            + " source_version = s.source_version,"
            + " last_changed_at = CASE WHEN s.outcome = 'CHANGED' THEN s.observed_at ELSE p.last_changed_at END,"
            + " last_changed_run_id = CASE WHEN s.outcome = 'CHANGED' THEN s.run_id ELSE p.last_changed_run_id END,"
            + " retired_at = NULL"
            + " FROM " + T + " s"
            + " WHERE s.outcome IN ('CHANGED', 'UNCHANGED') AND NOT s.retired"
            + " AND p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id";

    // Retirements keep the last active content: the record says the price is gone, not what it was.
    private static final String UPDATE_RETIRED = "UPDATE api_price.infra_price p SET"
            + " observed_at = s.observed_at,"
            + " retired_at = CASE WHEN s.outcome = 'RETIRED' THEN s.observed_at ELSE p.retired_at END,"
            + " last_changed_at = CASE WHEN s.outcome = 'RETIRED' THEN s.observed_at ELSE p.last_changed_at END,"
            + " last_changed_run_id = CASE WHEN s.outcome = 'RETIRED' THEN s.run_id ELSE p.last_changed_run_id END,"
            + " run_id = s.run_id"
            + " FROM " + T + " s"
            + " WHERE s.outcome IN ('RETIRED', 'UNCHANGED') AND s.retired"
            + " AND p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id";

    /** Sets {@code outcome} on every staged row. Must run before anything is written. */
    void classify(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(CLASSIFY_EXISTING);
            statement.executeUpdate(CLASSIFY_NEW);
        }
    }

    /** Writes the current state of every classified, non-stale observation. */
    void write(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(INSERT_NEW);
            statement.executeUpdate(UPDATE_ACTIVE);
            statement.executeUpdate(UPDATE_RETIRED);
        }
    }
}
