package io.pricestream.bench.data;

import java.math.BigDecimal;
import java.util.Date;

import io.pricestream.connect.sink.CopyCsv;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * One {@link SkuPrice} as Kafka Connect key and value {@link Struct}s whose fields are named like the columns
 * of {@code api_price.infra_price}, so the Debezium JDBC sink writes a table like it (or, with schema evolution
 * {@code basic}, creates one) and the comparison with our sink moves the same columns. The attributes carry
 * Debezium's {@code io.debezium.data.Json} name, which it writes to {@code jsonb}.
 */
public final class PriceStructs {

    private static final int SCALE = 12;

    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("io.pricestream.bench.PriceKey")
            .field("cloud_provider", Schema.STRING_SCHEMA)
            .field("price_id", Schema.STRING_SCHEMA)
            .build();

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("io.pricestream.bench.InfraPrice")
            .field("cloud_provider", Schema.STRING_SCHEMA)
            .field("price_id", Schema.STRING_SCHEMA)
            .field("sku_id", Schema.STRING_SCHEMA)
            .field("region", Schema.STRING_SCHEMA)
            .field("sku_name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("service", Schema.STRING_SCHEMA)
            .field("service_name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("product_family", Schema.OPTIONAL_STRING_SCHEMA)
            .field("start_usage_amount", decimal(false))
            .field("end_usage_amount", decimal(true))
            .field("unit", Schema.STRING_SCHEMA)
            .field("unit_published", Schema.STRING_SCHEMA)
            .field("unit_multiplier", decimal(false))
            .field("price", decimal(false))
            .field("currency", Schema.STRING_SCHEMA)
            .field("purchase_option", Schema.STRING_SCHEMA)
            .field("term", Schema.OPTIONAL_STRING_SCHEMA)
            .field("attributes", SchemaBuilder.string().name("io.debezium.data.Json").version(1).build())
            .field("effective_from", Timestamp.builder().optional().build())
            .field("observed_at", Timestamp.SCHEMA)
            .field("run_id", Schema.STRING_SCHEMA)
            .field("source_version", Schema.OPTIONAL_STRING_SCHEMA)
            .field("first_seen_at", Timestamp.SCHEMA)
            .field("last_changed_at", Timestamp.SCHEMA)
            .field("retired_at", Timestamp.builder().optional().build())
            .field("last_changed_run_id", Schema.STRING_SCHEMA)
            .build();

    private PriceStructs() {
    }

    public static Struct key(SkuPrice p) {
        return new Struct(KEY_SCHEMA).put("cloud_provider", p.getCsp()).put("price_id", p.getPriceId());
    }

    public static Struct value(SkuPrice p) {
        Date observed = Date.from(p.getObservedAt());
        return new Struct(VALUE_SCHEMA)
                .put("cloud_provider", p.getCsp())
                .put("price_id", p.getPriceId())
                .put("sku_id", p.getSkuId())
                .put("region", p.getRegion())
                .put("sku_name", p.getSkuName())
                .put("service", p.getService())
                .put("service_name", p.getServiceName())
                .put("product_family", p.getProductFamily())
                .put("start_usage_amount", scaled(p.getTierStart()))
                .put("end_usage_amount", p.getTierEnd() == null ? null : scaled(p.getTierEnd()))
                .put("unit", p.getUnit())
                .put("unit_published", p.getUnitPublished())
                .put("unit_multiplier", scaled(p.getUnitMultiplier()))
                .put("price", scaled(p.getPrice()))
                .put("currency", p.getCurrency())
                .put("purchase_option", p.getPurchaseOption().name())
                .put("term", p.getTerm())
                .put("attributes", CopyCsv.attributesJson(p.getAttributes()))
                .put("effective_from", p.getEffectiveFrom() == null ? null : Date.from(p.getEffectiveFrom()))
                .put("observed_at", observed)
                .put("run_id", p.getRunId())
                .put("source_version", p.getSourceVersion())
                .put("first_seen_at", observed)
                .put("last_changed_at", observed)
                .put("retired_at", p.getStatus() == PriceStatus.RETIRED ? observed : null)
                .put("last_changed_run_id", p.getRunId());
    }

    private static Schema decimal(boolean optional) {
        SchemaBuilder builder = Decimal.builder(SCALE).parameter("connect.decimal.precision", "38");
        return optional ? builder.optional().build() : builder.build();
    }

    /** Connect's Decimal carries one fixed scale per schema: exact, no rounding (generated values have at most 10 decimals). */
    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(SCALE);
    }
}
