package io.pricestream.connect.sink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * The two set-based statements that turn a staged batch into current state and history. Two, not one per
 * step, because every extra pass over the batch costs as much as the step itself: the batch is read from
 * staging once per statement, and nothing is written back to staging.
 *
 * <ol>
 *   <li>{@link #CLOSE_REPLACED_PERIODS}: close the open history period of every price the batch really
 *       changes or retires. It runs on its own first because the partial unique index "one open period per
 *       price" is checked row by row: the new period may only be inserted once the old one is closed, and the
 *       sub-statements of one {@code WITH} run in no guaranteed order.</li>
 *   <li>{@link #APPLY}: classify every staged row against the stored state ({@link Outcome}), insert new
 *       prices, update existing ones, open the new periods, and return the count per outcome. All of its
 *       sub-statements see the state before it, so the classification is the same one statement 1 used.</li>
 * </ol>
 *
 * <p>The no-regression rule lives in both: a staged row is applied only when its {@code observed_at} is
 * strictly later than the stored one; anything else is {@link Outcome#STALE} and touches nothing.
 */
final class PriceBatchStatements {

    // A price really changes when one of these differs; descriptive fields (names, attributes) do not open a period.
    private static final String CONTENT_DIFFERS = """
            (s.price <> p.price
             OR s.start_usage_amount <> p.start_usage_amount
             OR s.end_usage_amount IS DISTINCT FROM p.end_usage_amount
             OR s.unit <> p.unit
             OR s.currency <> p.currency
             OR s.effective_from IS DISTINCT FROM p.effective_from)""";

    /**
     * Closes at the new observation the open period of every newer staged row that retires its price or
     * changes its content. A retired stored price has no open period, so it needs no condition of its own.
     */
    static final String CLOSE_REPLACED_PERIODS = """
            UPDATE api_price.infra_price_history h SET valid_to = s.observed_at
            FROM %1$s s
            JOIN api_price.infra_price p ON p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id
            WHERE h.valid_to IS NULL AND h.cloud_provider = s.cloud_provider AND h.price_id = s.price_id
              AND s.observed_at > p.observed_at
              AND (s.retired OR %2$s)""".formatted(StagingLoader.TABLE, CONTENT_DIFFERS);

    /**
     * Classifies, writes current state, opens periods; returns {@code (outcome, count)} rows.
     * Retirements keep the last active content: the record says the price is gone, not what it was.
     * Active observations move content and descriptive fields; {@code last_changed_at} only on a real change.
     */
    static final String APPLY = """
            WITH s AS MATERIALIZED (
              SELECT s.*, CASE
                  WHEN p.price_id IS NULL THEN CASE WHEN s.retired THEN 'NEW_RETIRED' ELSE 'NEW' END
                  WHEN s.observed_at <= p.observed_at THEN 'STALE'
                  WHEN s.retired THEN CASE WHEN p.retired_at IS NULL THEN 'RETIRED' ELSE 'UNCHANGED' END
                  WHEN p.retired_at IS NOT NULL OR %2$s THEN 'CHANGED'
                  ELSE 'UNCHANGED' END AS outcome
              FROM %1$s s
              LEFT JOIN api_price.infra_price p ON p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id
            ),
            inserted AS (
              INSERT INTO api_price.infra_price (%3$s, first_seen_at, last_changed_at, retired_at)
              SELECT %3$s, observed_at, observed_at, CASE WHEN retired THEN observed_at END
              FROM s WHERE outcome IN ('NEW', 'NEW_RETIRED')
            ),
            updated_active AS (
              UPDATE api_price.infra_price p SET
                sku_id = s.sku_id, region = s.region, sku_name = s.sku_name, service = s.service,
                service_name = s.service_name, product_family = s.product_family,
                start_usage_amount = s.start_usage_amount, end_usage_amount = s.end_usage_amount, unit = s.unit,
                unit_published = s.unit_published, unit_multiplier = s.unit_multiplier, price = s.price,
                currency = s.currency, purchase_option = s.purchase_option, term = s.term, attributes = s.attributes,
                effective_from = s.effective_from, observed_at = s.observed_at, run_id = s.run_id,
                source_version = s.source_version,
                last_changed_at = CASE WHEN s.outcome = 'CHANGED' THEN s.observed_at ELSE p.last_changed_at END,
                retired_at = NULL
              FROM s
              WHERE s.outcome IN ('CHANGED', 'UNCHANGED') AND NOT s.retired
                AND p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id
            ),
            updated_retired AS (
              UPDATE api_price.infra_price p SET
                observed_at = s.observed_at,
                retired_at = CASE WHEN s.outcome = 'RETIRED' THEN s.observed_at ELSE p.retired_at END,
                last_changed_at = CASE WHEN s.outcome = 'RETIRED' THEN s.observed_at ELSE p.last_changed_at END,
                run_id = s.run_id
              FROM s
              WHERE s.outcome IN ('RETIRED', 'UNCHANGED') AND s.retired
                AND p.cloud_provider = s.cloud_provider AND p.price_id = s.price_id
            ),
            opened AS (
              INSERT INTO api_price.infra_price_history (cloud_provider, price_id, sku_id, region, service,
                start_usage_amount, end_usage_amount, unit, price, currency, purchase_option, term,
                effective_from, valid_from, run_id)
              SELECT cloud_provider, price_id, sku_id, region, service, start_usage_amount, end_usage_amount, unit,
                price, currency, purchase_option, term, effective_from, observed_at, run_id
              FROM s WHERE outcome IN ('NEW', 'CHANGED')
            )
            SELECT outcome, count(*) FROM s GROUP BY outcome""".formatted(StagingLoader.TABLE, CONTENT_DIFFERS,
            StagingLoader.PRICE_COLUMNS);

    /**
     * A batch is small next to the price tables and every staged row finds its stored row through a primary
     * or unique index, so an index nested loop costs O(batch). Left to itself the planner often picks a hash
     * join that scans the whole table once per batch, which made a full load quadratic in the table size.
     */
    static final String PLAN_SETTINGS = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";

    private PriceBatchStatements() {
    }

    /** Runs both statements on the staged batch, inside the caller's transaction. */
    static ApplyResult apply(Connection connection) throws SQLException {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        try (Statement statement = connection.createStatement()) {
            statement.execute(PLAN_SETTINGS);
            statement.executeUpdate(CLOSE_REPLACED_PERIODS);
            try (ResultSet rows = statement.executeQuery(APPLY)) {
                while (rows.next()) {
                    counts.put(Outcome.valueOf(rows.getString(1)), rows.getInt(2));
                }
            }
        }
        return new ApplyResult(counts);
    }
}
