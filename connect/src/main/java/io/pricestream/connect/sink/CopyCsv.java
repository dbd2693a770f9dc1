package io.pricestream.connect.sink;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * Fields of a row for PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)}, each followed by its separator:
 * an unquoted empty field is NULL, a quoted one is text with inner quotes doubled. Amounts are written in
 * plain notation, so {@code numeric} receives exactly the digits of the {@link BigDecimal}.
 *
 * <p>The sink's staging load writes its rows with these. First observations go straight into {@code infra_price} as
 * binary rows ({@link CopyBinary}), with the same attributes JSON.
 */
public final class CopyCsv {

    /** The columns every price row starts with, in the order {@link #priceFields} writes them. */
    public static final String PRICE_COLUMNS = "cloud_provider, price_id, sku_id, region, sku_name, service, service_name, "
            + "product_family, start_usage_amount, end_usage_amount, unit, unit_published, unit_multiplier, price, "
            + "currency, purchase_option, term, attributes, effective_from, observed_at, run_id, source_version";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CopyCsv() {
    }

    /** The {@link #PRICE_COLUMNS} fields of {@code p}, each followed by its separator. */
    public static void priceFields(Appendable out, SkuPrice p) throws IOException {
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
        text(out, p.getRunId());
        text(out, p.getSourceVersion());
    }

    public static void text(Appendable out, String value) throws IOException {
        quoted(out, value);
        out.append(',');
    }

    public static void amount(Appendable out, BigDecimal value) throws IOException {
        if (value != null) {
            out.append(value.toPlainString());
        }
        out.append(',');
    }

    public static void time(Appendable out, Instant value) throws IOException {
        if (value != null) {
            out.append(value.toString());
        }
        out.append(',');
    }

    /** A price's attributes as the sink stores them in {@code jsonb}: one JSON object, keys sorted. */
    public static String attributesJson(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write attributes as JSON: " + e.getMessage(), e);
        }
    }

    private static void quoted(Appendable out, String value) throws IOException {
        if (value != null) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}
