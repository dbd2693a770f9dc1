package io.pricestream.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.pricestream.connect.sink.CopyCsv;
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

    private PriceCsv() {
    }

    /** The CSV line, ending in {@code \n}, written field by field as the sink's staging load writes them ({@link CopyCsv}). */
    public static String line(SkuPrice p) {
        StringBuilder out = new StringBuilder(320);
        try {
            CopyCsv.text(out, p.getCsp());
            CopyCsv.text(out, p.getPriceId());
            CopyCsv.text(out, p.getSkuId());
            CopyCsv.text(out, p.getRegion());
            CopyCsv.text(out, p.getSkuName());
            CopyCsv.text(out, p.getService());
            CopyCsv.text(out, p.getServiceName());
            CopyCsv.text(out, p.getProductFamily());
            CopyCsv.amount(out, p.getTierStart());
            CopyCsv.amount(out, p.getTierEnd());
            CopyCsv.text(out, p.getUnit());
            CopyCsv.text(out, p.getUnitPublished());
            CopyCsv.amount(out, p.getUnitMultiplier());
            CopyCsv.amount(out, p.getPrice());
            CopyCsv.text(out, p.getCurrency());
            CopyCsv.text(out, p.getPurchaseOption().name());
            CopyCsv.text(out, p.getTerm());
            CopyCsv.text(out, CopyCsv.attributesJson(p.getAttributes()));
            CopyCsv.time(out, p.getEffectiveFrom());
            CopyCsv.time(out, p.getObservedAt());
            CopyCsv.time(out, p.getObservedAt());
            CopyCsv.time(out, p.getObservedAt());
            CopyCsv.text(out, p.getRunId());
            CopyCsv.textEndingRow(out, p.getSourceVersion());
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }
}
