package io.pricestream.bench.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;

import io.pricestream.connect.sink.CopyBinary;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * Prices as a PostgreSQL binary {@code COPY} file for a table shaped like {@code api_price.infra_price} (columns
 * {@link #COLUMNS}): the rows the sink itself copies for a price it has never stored ({@link CopyBinary#newPriceRow}),
 * for the database limit the sink is judged against.
 */
public final class PriceCopyFile {

    /** The columns of {@code api_price.infra_price} a new price fills, in row order: the sink's own. */
    public static final String COLUMNS = CopyBinary.NEW_PRICE_COLUMNS;

    private PriceCopyFile() {
    }

    /** Writes the header, the rows of prices {@code 0..count-1}, and the trailer to {@code file}. */
    public static void write(Path file, long count, LongFunction<SkuPrice> prices) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            CopyBinary.header(out);
            for (long i = 0; i < count; i++) {
                CopyBinary.newPriceRow(out, prices.apply(i));
            }
            CopyBinary.trailer(out);
        }
    }
}
