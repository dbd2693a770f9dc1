package io.pricestream.schemas;

import java.util.List;
import java.util.Locale;

/** Names of the pipeline's topics (DESIGN.md, "Topics"). */
public final class Topics {

    public static final String RAW_PREFIX = "prices.raw.";
    public static final String SKU = "prices.sku";
    public static final String CHANGES = "prices.changes";
    public static final String RUNS = "prices.runs";
    public static final String DLQ = "prices.dlq";

    /** The CSPs pricestream scrapes, as they appear in topic names and in {@code PriceKey.csp}. */
    public static final List<String> CSPS = List.of("aws", "azure", "gcp");

    private Topics() {
    }

    public static String raw(String csp) {
        String normalised = csp.toLowerCase(Locale.ROOT);
        if (!CSPS.contains(normalised)) {
            throw new IllegalArgumentException("Unknown CSP '" + csp + "': expected one of " + CSPS);
        }
        return RAW_PREFIX + normalised;
    }

    public static List<String> allRaw() {
        return CSPS.stream().map(Topics::raw).toList();
    }
}
