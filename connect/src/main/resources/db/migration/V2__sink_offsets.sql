-- Where the sink continues reading, per consumer group and topic partition. Written in the same
-- transaction as the price rows, so a batch is either applied with its offsets or not at all:
-- exactly-once into the database across crashes and rebalances.
CREATE TABLE api_price.sink_offsets (
    consumer_group   text        NOT NULL,
    topic            text        NOT NULL,
    kafka_partition  integer     NOT NULL,
    next_offset      bigint      NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sink_offsets_pk PRIMARY KEY (consumer_group, topic, kafka_partition),
    CONSTRAINT sink_offsets_non_negative CHECK (kafka_partition >= 0 AND next_offset >= 0)
);
