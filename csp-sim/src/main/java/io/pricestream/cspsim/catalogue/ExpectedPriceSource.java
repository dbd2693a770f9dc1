package io.pricestream.cspsim.catalogue;

import java.util.function.Consumer;

/** Enumerates the price points one CSP serves in a generation, exactly as its HTTP API renders them. */
public interface ExpectedPriceSource {
    /** Calls {@code sink} once per served price point, in serving order. */
    void forEach(CatalogueView view, Consumer<ExpectedPrice> sink);
}
