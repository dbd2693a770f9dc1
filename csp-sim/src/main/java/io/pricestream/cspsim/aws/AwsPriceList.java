package io.pricestream.cspsim.aws;

import com.sun.net.httpserver.HttpHandler;
import io.pricestream.cspsim.catalogue.Catalogue;
import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.ExpectedPrice;
import io.pricestream.cspsim.catalogue.ExpectedPriceSource;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.http.FaultInjector;
import io.pricestream.cspsim.http.ResponseCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulated AWS Price List: its layout, its HTTP handler (mounted at {@code /offers/}) and the
 * expected price points (one per price dimension, {@code price_id} = rate code).
 */
public final class AwsPriceList implements ExpectedPriceSource {
    private final AwsLayout layout;
    private final AwsOfferWriter writer;

    /** A price list of about {@code targetPoints} price dimensions. */
    public AwsPriceList(long targetPoints) {
        this.layout = new AwsLayout(targetPoints);
        this.writer = new AwsOfferWriter(layout);
    }

    /** The segments (one per offer, region and product kind). */
    public List<Segment> segments() {
        return layout.segments();
    }

    /** Handler of {@code /offers/v1.0/aws/...}. */
    public HttpHandler handler(Catalogue catalogue, FaultInjector faults) {
        return handler(catalogue, faults, ResponseCache.off());
    }

    /** Handler of {@code /offers/v1.0/aws/...} answering repeated requests from {@code cache}. */
    public HttpHandler handler(Catalogue catalogue, FaultInjector faults, ResponseCache cache) {
        return new AwsBulkHandler(catalogue, layout, faults, cache);
    }

    @Override
    public void forEach(CatalogueView view, Consumer<ExpectedPrice> sink) {
        try {
            for (AwsLayout.OfferFile file : layout.files()) {
                writer.forEachProduct(view, file, product -> {
                    emit(file, product, product.onDemand(), "ON_DEMAND", sink);
                    emit(file, product, product.reserved(), "RESERVED", sink);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no I/O happens while enumerating
        }
    }

    private static void emit(AwsLayout.OfferFile file, AwsProduct product, List<AwsProduct.Term> terms, String option,
                             Consumer<ExpectedPrice> sink) {
        for (AwsProduct.Term term : terms) {
            String lease = term.termAttributes().get("LeaseContractLength");
            for (AwsProduct.Dimension d : term.dimensions()) {
                BigDecimal tierStart = d.beginRange() == null ? BigDecimal.ZERO : new BigDecimal(d.beginRange());
                BigDecimal tierEnd = d.endRange() == null || d.endRange().equals("Inf") ? null
                        : new BigDecimal(d.endRange());
                sink.accept(new ExpectedPrice(Csp.AWS, file.offerCode(), file.region(), d.rateCode(), product.sku(),
                        d.price(), d.unit(), tierStart, tierEnd, option, lease));
            }
        }
    }
}
