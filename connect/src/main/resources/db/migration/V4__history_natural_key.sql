-- Keys infra_price_history by what identifies a period, (cloud_provider, price_id, valid_from), instead of a
-- generated history_id plus a unique constraint on those columns, and drops the partial unique index on the open
-- period.
--
-- Why (issue #5, measured on the embedded PostgreSQL 17, 1M periods by COPY): a full refresh opens one period per
-- price, and the database is CPU-bound while the sink writes. The history COPY took 8.0-8.3 s with V1's three
-- indexes (history_id PK, start-unique, open-period), 2.4 s with none. history_id was read by nothing but the
-- export's ORDER BY, and the start-unique index already held everything the PK now holds.
--
-- How the sink finds a price's open period without infra_price_history_open_idx: it starts at infra_price's
-- last_changed_at (every real change closes the open period and opens one at the change's observed_at, which
-- becomes last_changed_at; a retirement closes and opens nothing), so the close is a primary-key lookup on
-- (cloud_provider, price_id, last_changed_at). "At most one open period per price" now rests on that rule, as
-- "periods never overlap" always did; the sink's property and crash tests check both against a model.
ALTER TABLE api_price.infra_price_history DROP CONSTRAINT infra_price_history_pk;
ALTER TABLE api_price.infra_price_history DROP COLUMN history_id;
ALTER TABLE api_price.infra_price_history DROP CONSTRAINT infra_price_history_start_uq;
ALTER TABLE api_price.infra_price_history
    ADD CONSTRAINT infra_price_history_pk PRIMARY KEY (cloud_provider, price_id, valid_from);
DROP INDEX api_price.infra_price_history_open_idx;

-- The rule above, checked on the rows already there (V1's open-period index still guarantees at most one open
-- period per price at this point): every active price has its open period starting at last_changed_at, and no
-- retired price has one. A database it does not hold for would get a second open period at the next change of
-- such a price; refuse to migrate it instead, naming how many prices break it.
DO $$
DECLARE
    broken bigint;
BEGIN
    SELECT count(*) INTO broken
    FROM api_price.infra_price p
    LEFT JOIN api_price.infra_price_history h
           ON h.cloud_provider = p.cloud_provider AND h.price_id = p.price_id AND h.valid_to IS NULL
    WHERE CASE WHEN p.retired_at IS NULL THEN h.valid_from IS DISTINCT FROM p.last_changed_at
               ELSE h.valid_from IS NOT NULL END;
    IF broken > 0 THEN
        RAISE EXCEPTION 'infra_price_history: % price(s) whose open period does not start at infra_price.last_changed_at, '
            'or that are retired and still have one; fix them before migrating to V4', broken;
    END IF;
END $$;
