package io.pricestream.connect.cdc;

import java.math.BigDecimal;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/** Debezium-shaped change envelopes of {@code api_price.infra_price} rows, as the PostgreSQL connector emits them. */
final class DebeziumRows {

    static final Schema MONEY = Decimal.builder(12).build();
    static final Schema OPTIONAL_MONEY = Decimal.builder(12).optional().build();
    static final Schema ROW = SchemaBuilder.struct().name("pricestream.api_price.infra_price.Value")
            .field("cloud_provider", Schema.STRING_SCHEMA)
            .field("price_id", Schema.STRING_SCHEMA)
            .field("sku_id", Schema.STRING_SCHEMA)
            .field("region", Schema.STRING_SCHEMA)
            .field("service", Schema.STRING_SCHEMA)
            .field("start_usage_amount", MONEY)
            .field("end_usage_amount", OPTIONAL_MONEY)
            .field("unit", Schema.STRING_SCHEMA)
            .field("price", MONEY)
            .field("currency", Schema.STRING_SCHEMA)
            .field("purchase_option", Schema.STRING_SCHEMA)
            .field("term", Schema.OPTIONAL_STRING_SCHEMA)
            .field("observed_at", Schema.STRING_SCHEMA)
            .field("run_id", Schema.STRING_SCHEMA)
            .field("retired_at", Schema.OPTIONAL_STRING_SCHEMA)
            .optional()
            .build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("pricestream.api_price.infra_price.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
            .build();

    static final long COMMITTED_MS = 1_795_000_000_123L;
    static final long LSN = 24_023_128L;
    static final long TX_ID = 771L;

    private DebeziumRows() {
    }

    static Struct envelope(String op, Struct before, Struct after) {
        return new Struct(ENVELOPE).put("op", op).put("before", before).put("after", after).put("source", source());
    }

    static Struct source() {
        return new Struct(SOURCE).put("ts_ms", COMMITTED_MS).put("txId", TX_ID).put("lsn", LSN);
    }

    /** An active AWS on-demand price as Debezium decodes it with decimal.handling.mode=precise (scale 12). */
    static Struct row(String price) {
        return new Struct(ROW)
                .put("cloud_provider", "aws")
                .put("price_id", "SKU1.JRTCKXETXF.6YS6EN2CT7")
                .put("sku_id", "SKU1")
                .put("region", "us-east-1")
                .put("service", "AmazonEC2")
                .put("start_usage_amount", new BigDecimal("0.000000000000"))
                .put("end_usage_amount", null)
                .put("unit", "hours")
                .put("price", new BigDecimal(price).setScale(12))
                .put("currency", "USD")
                .put("purchase_option", "ON_DEMAND")
                .put("term", null)
                .put("observed_at", "2026-11-22T14:03:12Z")
                .put("run_id", "run-1")
                .put("retired_at", null);
    }

    static Struct retired(Struct row) {
        return with(row, "retired_at", "2026-11-22T15:00:00Z");
    }

    static Struct with(Struct row, String column, Object value) {
        return row.put(column, value);
    }
}
