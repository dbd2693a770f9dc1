package io.pricestream.cspsim.azure;

import com.sun.net.httpserver.HttpHandler;
import io.pricestream.cspsim.catalogue.Catalogue;
import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.ExpectedPrice;
import io.pricestream.cspsim.catalogue.ExpectedPriceSource;
import io.pricestream.cspsim.catalogue.LiveUnitCounts;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.http.FaultInjector;
import io.pricestream.cspsim.http.ResponseCache;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulated Azure Retail Prices API: its layout, the paging over a filter, its HTTP handler
 * (mounted at {@code /api/retail/prices}) and the expected price points (one per item plus one per
 * savings-plan entry).
 */
public final class AzureRetailPrices implements ExpectedPriceSource {
    private final AzureLayout layout;
    private final LiveUnitCounts liveUnits;

    /** A catalogue of about {@code targetPoints} price points. */
    public AzureRetailPrices(long targetPoints) {
        this.layout = new AzureLayout(targetPoints);
        this.liveUnits = new LiveUnitCounts(layout.segments());
    }

    /** The segments (one per region and meter kind). */
    public List<Segment> segments() {
        return layout.segments();
    }

    /** Handler of {@code /api/retail/prices}. */
    public HttpHandler handler(Catalogue catalogue, FaultInjector faults, int pageSize) {
        return handler(catalogue, faults, pageSize, ResponseCache.off());
    }

    /** Handler of {@code /api/retail/prices} answering repeated requests from {@code cache}. */
    public HttpHandler handler(Catalogue catalogue, FaultInjector faults, int pageSize, ResponseCache cache) {
        return new AzureRetailHandler(catalogue, this, faults, pageSize, cache);
    }

    @Override
    public void forEach(CatalogueView view, Consumer<ExpectedPrice> sink) {
        for (Segment segment : layout.segments()) {
            for (int unit = 0; unit < segment.universeUnits(); unit++) {
                List<AzureItem> items = AzureItemFactory.create(view, segment, unit);
                for (AzureItem item : items) {
                    String option = option(item);
                    String term = item.reservationTerm() == null ? null : term(item.reservationTerm());
                    BigDecimal tierEnd = tierEnd(item, items);
                    sink.accept(new ExpectedPrice(Csp.AZURE, item.serviceName(), item.armRegionName(), item.priceId(),
                            item.skuId(), item.retailPrice(), item.unitOfMeasure(), item.tierMinimumUnits(), tierEnd,
                            option, term));
                    for (AzureItem.SavingsPlan plan : item.savingsPlan()) {
                        sink.accept(new ExpectedPrice(Csp.AZURE, item.serviceName(), item.armRegionName(),
                                item.savingsPlanPriceId(plan), item.skuId(), plan.retailPrice(), item.unitOfMeasure(),
                                item.tierMinimumUnits(), tierEnd, "SAVINGS_PLAN", term(plan.term())));
                    }
                }
            }
        }
    }

    /** The next higher tier start among the items of the same meter, sku, type and term; null when open. */
    private static BigDecimal tierEnd(AzureItem item, List<AzureItem> unitItems) {
        BigDecimal end = null;
        for (AzureItem other : unitItems) {
            if (other.meterId().equals(item.meterId()) && other.skuId().equals(item.skuId())
                    && other.type().equals(item.type())
                    && java.util.Objects.equals(other.reservationTerm(), item.reservationTerm())
                    && other.tierMinimumUnits().compareTo(item.tierMinimumUnits()) > 0
                    && (end == null || other.tierMinimumUnits().compareTo(end) < 0)) {
                end = other.tierMinimumUnits();
            }
        }
        return end;
    }

    /**
     * The matching items (only primary meter rows when {@code primaryOnly}) from position {@code skip}
     * on, at most {@code limit}; whole segments and
     * units are skipped arithmetically so a deep page costs about as much as the first.
     */
    List<AzureItem> page(CatalogueView view, AzureFilter.Expression filter, boolean primaryOnly, long skip, int limit) {
        int[] live = liveUnits.of(view);
        List<AzureItem> out = new ArrayList<>(Math.min(limit, 1024));
        long remaining = skip;
        for (Segment segment : layout.segments()) {
            AzureKind kind = (AzureKind) segment.kind();
            boolean[] mask = new boolean[kind.items.size()];
            int matching = 0;
            for (int i = 0; i < mask.length; i++) {
                AzureKind.ItemSpec spec = kind.items.get(i);
                mask[i] = (!primaryOnly || spec.primary()) && filter.test(field -> field(kind, segment, spec, field));
                matching += mask[i] ? 1 : 0;
            }
            if (matching == 0) {
                continue;
            }
            long total = (long) live[segment.index()] * matching;
            if (remaining >= total) {
                remaining -= total;
                continue;
            }
            for (int unit = 0; unit < segment.universeUnits() && out.size() < limit; unit++) {
                if (!view.life(segment, unit).aliveAt(view.generation())) {
                    continue;
                }
                if (remaining >= matching) {
                    remaining -= matching;
                    continue;
                }
                List<AzureItem> items = AzureItemFactory.create(view, segment, unit);
                for (int i = 0; i < items.size() && out.size() < limit; i++) {
                    if (!mask[i]) {
                        continue;
                    }
                    if (remaining > 0) {
                        remaining--;
                    } else {
                        out.add(items.get(i));
                    }
                }
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    private static String field(AzureKind kind, Segment segment, AzureKind.ItemSpec spec, String field) {
        return switch (field) {
            case "serviceName" -> kind.serviceName;
            case "serviceId" -> kind.serviceId;
            case "serviceFamily" -> kind.serviceFamily;
            case "armRegionName" -> segment.region();
            case "location" -> AzureLayout.REGIONS.get(segment.region());
            case "priceType" -> spec.type();
            default -> throw new IllegalArgumentException("unsupported filter field " + field);
        };
    }

    private static String option(AzureItem item) {
        if (item.type().equals("Reservation")) {
            return "RESERVED";
        }
        if (item.type().equals("DevTestConsumption")) {
            return "DEV_TEST";
        }
        if (item.skuName().endsWith(" Spot")) {
            return "SPOT";
        }
        return item.skuName().endsWith(" Low Priority") ? "LOW_PRIORITY" : "ON_DEMAND";
    }

    private static String term(String azureTerm) {
        return azureTerm.startsWith("1") ? "1yr" : azureTerm.startsWith("3") ? "3yr" : azureTerm;
    }
}
