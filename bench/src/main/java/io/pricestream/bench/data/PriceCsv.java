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

    /** The columns of {@code api_price.infra_price} a new price fills, in line order: the sink's own ({@link CopyCsv}). */
    public static final String COLUMNS = CopyCsv.NEW_PRICE_COLUMNS;

    private PriceCsv() {
    }

    /** The CSV line, ending in {@code \n}: the bytes the sink itself copies for a price it has never stored. */
    public static String line(SkuPrice p) {
        StringBuilder out = new StringBuilder(320);
        try {
            CopyCsv.newPriceRow(out, p);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }
}
