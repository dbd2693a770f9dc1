package io.pricestream.bench.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * One {@link SkuPrice} as a PostgreSQL CSV line for {@code COPY} into a table shaped like
 * {@code api_price.infra_price} (columns {@link #COLUMNS}): the database limit the sink is judged against.
 */
public final class PriceCsv {

    /** The columns of {@code api_price.infra_price} a new, active price fills, in line order. */
    public static final String COLUMNS = "cloud_provider, price_id, sku_id, region, sku_name, service, service_name, "
            + "product_family, start_usage_amount, end_usage_amount, unit, unit_published, unit_multiplier, price, "
            + "currency, purchase_option, term, attributes, effective_from, first_seen_at, last_changed_at, observed_at, "
            + "run_id, source_version";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PriceCsv() {
    }

    /** The CSV line, ending in {@code \n}; an unquoted empty field is NULL. */
    public static String line(SkuPrice p) {
        StringBuilder out = new StringBuilder(320);
        text(out, p.getCsp());
        text(out, p.getPriceId());
        text(out, p.getSkuId());
        text(out, p.getRegion());
        text(out, p.getSkuName());
        text(out, p.getService());
        text(out, p.getServiceName());
        text(out, p.getProductFamily());
        amount(out, p.getTierStart());
        amount(out, p.getTierEnd());
        text(out, p.getUnit());
        text(out, p.getUnitPublished());
        amount(out, p.getUnitMultiplier());
        amount(out, p.getPrice());
        text(out, p.getCurrency());
        text(out, p.getPurchaseOption().name());
        text(out, p.getTerm());
        text(out, attributesJson(p.getAttributes()));
        time(out, p.getEffectiveFrom());
        time(out, p.getObservedAt());
        time(out, p.getObservedAt());
        time(out, p.getObservedAt());
        text(out, p.getRunId());
        out.append(quoted(p.getSourceVersion()));
        out.append('\n');
        return out.toString();
    }

    /** The attributes as a JSON object with sorted keys, as the sink stores them. */
    public static String attributesJson(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write attributes as JSON: " + e.getMessage(), e);
        }
    }

    private static void text(StringBuilder out, String value) {
        out.append(quoted(value)).append(',');
    }

    private static String quoted(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void amount(StringBuilder out, BigDecimal value) {
        if (value != null) {
            out.append(value.toPlainString());
        }
        out.append(',');
    }

    private static void time(StringBuilder out, Instant value) {
        if (value != null) {
            out.append(value);
        }
        out.append(',');
    }
}
