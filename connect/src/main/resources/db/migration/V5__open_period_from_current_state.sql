-- Stores only closed periods in a table, infra_price_period, and serves infra_price_history as a view: its closed
-- periods plus, for every active price, the open period read from infra_price. Readers see the same relation, columns
-- and rows as before; the open period is no longer a second copy of the current state.
--
-- Why (issue #5, measured on the embedded PostgreSQL 17, 1M prices): a full refresh opens one period per price, so
-- the sink wrote every price twice, into infra_price and into infra_price_history, on a database that is CPU-bound
-- while it loads. Without the history copy the 1M-price sink benchmark went from ~21-24 s to ~17 s.
--
-- What makes the open period derivable: a period is a span during which a price kept the same content, and its
-- content is exactly what the history shows of it. V5 widens the sink's "real change" to every one of those columns
-- (price, tier bounds, unit, currency, effective_from, and now also sku_id, region, service, purchase_option and
-- term), so an active price's open period always equals its infra_price row: it starts at last_changed_at and was
-- opened by the run in the new column last_changed_run_id.

ALTER TABLE api_price.infra_price ADD COLUMN last_changed_run_id text;

-- The rule above, checked on the rows already there: every active price has exactly its current content in its open
-- period (V4 already holds the start), and no retired price has one. A history it does not hold for cannot become a
-- view without rewriting a period; refuse to migrate it, naming how many prices break it.
DO $$
DECLARE
    broken bigint;
BEGIN
    SELECT count(*) INTO broken
    FROM api_price.infra_price p
    LEFT JOIN api_price.infra_price_history h
           ON h.cloud_provider = p.cloud_provider AND h.price_id = p.price_id AND h.valid_to IS NULL
    WHERE CASE WHEN p.retired_at IS NULL THEN
                   h.valid_from IS DISTINCT FROM p.last_changed_at
                   OR (h.sku_id, h.region, h.service, h.start_usage_amount, h.end_usage_amount, h.unit, h.price,
                       h.currency, h.purchase_option, h.term, h.effective_from)
                      IS DISTINCT FROM
                      (p.sku_id, p.region, p.service, p.start_usage_amount, p.end_usage_amount, p.unit, p.price,
                       p.currency, p.purchase_option, p.term, p.effective_from)
               ELSE h.valid_from IS NOT NULL END;
    IF broken > 0 THEN
        RAISE EXCEPTION 'infra_price_history: % price(s) whose open period differs from their infra_price row, '
            'or that are retired and still have one; fix them before migrating to V5', broken;
    END IF;
END $$;

UPDATE api_price.infra_price p SET last_changed_run_id = h.run_id
FROM api_price.infra_price_history h
WHERE h.cloud_provider = p.cloud_provider AND h.price_id = p.price_id AND h.valid_to IS NULL;
-- a retired price has no open period: its column is read again only when it comes back, which sets it
UPDATE api_price.infra_price SET last_changed_run_id = run_id WHERE last_changed_run_id IS NULL;
ALTER TABLE api_price.infra_price ALTER COLUMN last_changed_run_id SET NOT NULL;

DELETE FROM api_price.infra_price_history WHERE valid_to IS NULL;
ALTER TABLE api_price.infra_price_history RENAME TO infra_price_period;
ALTER TABLE api_price.infra_price_period RENAME CONSTRAINT infra_price_history_pk TO infra_price_period_pk;
ALTER TABLE api_price.infra_price_period RENAME CONSTRAINT infra_price_history_period TO infra_price_period_order;
ALTER TABLE api_price.infra_price_period ALTER COLUMN valid_to SET NOT NULL;

-- Keys in byte order: the identifiers these columns hold (CSP ids, regions, service codes) need no linguistic order,
-- and every btree insert compares them. Measured on a C.UTF-8 cluster, a COPY of 1M prices into infra_price took
-- 10.8 s with the database's collation and 10.0 s with "C"; a cluster in a linguistic locale (en_US.UTF-8, ICU)
-- pays more. It also makes export order the same on every cluster. Indexes are rebuilt; no table rewrite.
ALTER TABLE api_price.infra_price
    ALTER COLUMN cloud_provider TYPE text COLLATE "C",
    ALTER COLUMN price_id TYPE text COLLATE "C",
    ALTER COLUMN sku_id TYPE text COLLATE "C",
    ALTER COLUMN region TYPE text COLLATE "C",
    ALTER COLUMN service TYPE text COLLATE "C";
ALTER TABLE api_price.infra_price_period
    ALTER COLUMN cloud_provider TYPE text COLLATE "C",
    ALTER COLUMN price_id TYPE text COLLATE "C",
    ALTER COLUMN sku_id TYPE text COLLATE "C",
    ALTER COLUMN region TYPE text COLLATE "C",
    ALTER COLUMN service TYPE text COLLATE "C";

COMMENT ON TABLE api_price.infra_price_period IS
    'Closed price periods (valid_to set), written by the sink; read them through api_price.infra_price_history';

CREATE VIEW api_price.infra_price_history AS
    SELECT cloud_provider, price_id, sku_id, region, service, start_usage_amount, end_usage_amount, unit, price,
           currency, purchase_option, term, effective_from, valid_from, valid_to, run_id
    FROM api_price.infra_price_period
    UNION ALL
    SELECT cloud_provider, price_id, sku_id, region, service, start_usage_amount, end_usage_amount, unit, price,
           currency, purchase_option, term, effective_from, last_changed_at, NULL::timestamptz, last_changed_run_id
    FROM api_price.infra_price
    WHERE retired_at IS NULL;

COMMENT ON VIEW api_price.infra_price_history IS
    'One row per price period (valid_to null = the current one): the closed periods of infra_price_period and the '
    'open period of every active price in infra_price';
