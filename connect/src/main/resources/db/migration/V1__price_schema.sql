-- The price schema: current state of every price the sink has seen, and one row per price period.
-- Flyway creates the schema api_price (PriceSchemaMigrator configures it) and keeps its own history
-- table there, so everything pricestream owns lives in one schema.

CREATE TABLE api_price.infra_price (
    cloud_provider      text           NOT NULL,
    price_id            text           NOT NULL,
    sku_id              text           NOT NULL,
    region              text           NOT NULL,
    sku_name            text,
    service             text           NOT NULL,
    service_name        text,
    product_family      text,
    -- tier bounds in the published unit; end null = unbounded
    start_usage_amount  numeric(38,12) NOT NULL,
    end_usage_amount    numeric(38,12),
    unit                text           NOT NULL,
    unit_published      text           NOT NULL,
    unit_multiplier     numeric(38,12) NOT NULL,
    price               numeric(38,12) NOT NULL,
    currency            text           NOT NULL,
    purchase_option     text           NOT NULL,
    term                text,
    attributes          jsonb          NOT NULL DEFAULT '{}'::jsonb,
    effective_from      timestamptz,
    -- when the sink first saw the price, when its content last really changed (price, tier bounds,
    -- unit, currency, effective_from, status), when it was last observed, and when it was retired
    -- (null while active)
    first_seen_at       timestamptz    NOT NULL,
    last_changed_at     timestamptz    NOT NULL,
    observed_at         timestamptz    NOT NULL,
    retired_at          timestamptz,
    run_id              text           NOT NULL,
    source_version      text,
    CONSTRAINT infra_price_pk PRIMARY KEY (cloud_provider, price_id),
    CONSTRAINT infra_price_tier_bounds CHECK (end_usage_amount IS NULL OR end_usage_amount >= start_usage_amount),
    CONSTRAINT infra_price_seen_order CHECK (first_seen_at <= last_changed_at AND last_changed_at <= observed_at)
);

CREATE INDEX infra_price_sku_idx ON api_price.infra_price (cloud_provider, sku_id);
CREATE INDEX infra_price_region_service_idx ON api_price.infra_price (cloud_provider, region, service);

-- Debezium needs the full before-image of an UPDATE to publish the old price with the new one.
ALTER TABLE api_price.infra_price REPLICA IDENTITY FULL;

-- One row per period during which a price was offered with the same content.
-- valid_to null = the current period; a retired price has no open period.
CREATE TABLE api_price.infra_price_history (
    history_id          bigint         GENERATED ALWAYS AS IDENTITY,
    cloud_provider      text           NOT NULL,
    price_id            text           NOT NULL,
    sku_id              text           NOT NULL,
    region              text           NOT NULL,
    service             text           NOT NULL,
    start_usage_amount  numeric(38,12) NOT NULL,
    end_usage_amount    numeric(38,12),
    unit                text           NOT NULL,
    price               numeric(38,12) NOT NULL,
    currency            text           NOT NULL,
    purchase_option     text           NOT NULL,
    term                text,
    effective_from      timestamptz,
    valid_from          timestamptz    NOT NULL,
    valid_to            timestamptz,
    run_id              text           NOT NULL,
    CONSTRAINT infra_price_history_pk PRIMARY KEY (history_id),
    CONSTRAINT infra_price_history_period CHECK (valid_to IS NULL OR valid_to > valid_from),
    -- no two periods of one price start together
    CONSTRAINT infra_price_history_start_uq UNIQUE (cloud_provider, price_id, valid_from)
);

-- At most one open period per price; also the index the sink uses to close it.
-- Together with the checks above and the sink's rule that a period only ever starts after the stored
-- observation, periods never overlap. (A btree_gist exclusion constraint on the time range would say
-- so in the database itself, but measured ~10x slower on the history step: see connect/README.md.)
CREATE UNIQUE INDEX infra_price_history_open_idx
    ON api_price.infra_price_history (cloud_provider, price_id) WHERE valid_to IS NULL;
CREATE INDEX infra_price_history_sku_idx ON api_price.infra_price_history (cloud_provider, sku_id);
