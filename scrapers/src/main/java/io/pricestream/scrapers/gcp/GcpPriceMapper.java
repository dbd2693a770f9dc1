package io.pricestream.scrapers.gcp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.units.NormalisedUnit;
import io.pricestream.scrapers.units.UnitNormaliser;

/**
 * Turns one GCP SKU into {@link SkuPrice} records: one per tier ({@code tieredRates[]} entry) per service region
 * in scope, {@code global} when the SKU lists no region.
 *
 * <p>A tier ends where the next higher {@code startUsageAmount} begins (rates are sorted first; the API does not
 * promise an order); the highest tier is open ({@code tier_end} null). {@code price_id} follows CONTRIBUTING.md:
 * {@code skuId/region/startUsageAmount}.
 */
final class GcpPriceMapper {

    static final String CSP = "gcp";
    static final String GLOBAL = "global";

    private static final Logger LOG = LoggerFactory.getLogger(GcpPriceMapper.class);
    private static final Comparator<GcpSku.TieredRate> BY_START = Comparator.comparing(GcpSku.TieredRate::startUsageAmount);

    private final String runId;
    private final Instant observedAt;
    private final UnitNormaliser units;
    private final ScrapeScope scope;
    private final Map<String, NormalisedUnit> unitCache = new HashMap<>();
    private final Set<String> unknownUsageTypesLogged = new HashSet<>();

    GcpPriceMapper(String runId, Instant observedAt, UnitNormaliser units, ScrapeScope scope) {
        this.runId = runId;
        this.observedAt = observedAt;
        this.units = units;
        this.scope = scope;
    }

    /**
     * Emits the SKU's records to {@code out}; returns how many.
     *
     * @param serviceId the service the SKU was listed under
     */
    int emit(GcpSku sku, String serviceId, PriceConsumer out) {
        List<String> regions = regionsInScope(sku);
        if (regions.isEmpty() || sku.tieredRates().isEmpty()) {
            return 0;
        }
        List<GcpSku.TieredRate> tiers = new ArrayList<>(sku.tieredRates());
        tiers.sort(BY_START);
        NormalisedUnit unit = unitCache.computeIfAbsent(sku.usageUnit(), published -> units.normalise(CSP, published));
        PurchaseOption option = purchaseOption(sku);
        String term = term(sku.usageType());
        int records = 0;
        for (String region : regions) {
            for (int i = 0; i < tiers.size(); i++) {
                GcpSku.TieredRate tier = tiers.get(i);
                BigDecimal end = i + 1 < tiers.size() ? tiers.get(i + 1).startUsageAmount() : null;
                out.accept(price(sku, serviceId, region, tier, end, unit, option, term));
                records++;
            }
        }
        return records;
    }

    private List<String> regionsInScope(GcpSku sku) {
        Set<String> published = sku.serviceRegions().isEmpty() ? Set.of(GLOBAL) : new LinkedHashSet<>(sku.serviceRegions());
        List<String> regions = new ArrayList<>(published.size());
        for (String region : published) {
            if (scope.includesRegion(region)) {
                regions.add(region);
            }
        }
        return regions;
    }

    private SkuPrice price(GcpSku sku, String serviceId, String region, GcpSku.TieredRate tier, BigDecimal tierEnd,
                           NormalisedUnit unit, PurchaseOption option, String term) {
        return SkuPrice.newBuilder()
                .setCsp(CSP)
                .setPriceId(sku.skuId() + '/' + region + '/' + decimalId(tier.startUsageAmount()))
                .setSkuId(sku.skuId())
                .setService(sku.serviceDisplayName())
                .setServiceName(null)
                .setProductFamily(sku.resourceFamily())
                .setRegion(region)
                .setSkuName(sku.description())
                .setUnit(unit.unit())
                .setUnitPublished(sku.usageUnit())
                .setUnitMultiplier(unit.multiplier())
                .setTierStart(tier.startUsageAmount())
                .setTierEnd(tierEnd)
                .setPrice(tier.price())
                .setCurrency(tier.currencyCode())
                .setPurchaseOption(option)
                .setTerm(term)
                .setEffectiveFrom(sku.effectiveTime())
                .setAttributes(attributes(sku, serviceId))
                .setObservedAt(observedAt)
                .setRunId(runId)
                .setSourceVersion(null)
                .setStatus(PriceStatus.ACTIVE)
                .build();
    }

    private PurchaseOption purchaseOption(GcpSku sku) {
        switch (sku.usageType()) {
            case "OnDemand":
                return PurchaseOption.ON_DEMAND;
            case "Preemptible":
                return PurchaseOption.SPOT;
            case "Commit1Yr", "Commit3Yr", "Commit1Mo":
                return PurchaseOption.RESERVED;
            default:
                // A usage type added after this code: keep the price, let validation downstream decide.
                if (unknownUsageTypesLogged.add(sku.usageType())) {
                    LOG.warn("Unknown GCP usage type '{}' (SKU '{}'): purchase option UNKNOWN", sku.usageType(), sku.skuId());
                }
                return PurchaseOption.UNKNOWN;
        }
    }

    private static String term(String usageType) {
        return switch (usageType) {
            case "Commit1Yr" -> "1yr";
            case "Commit3Yr" -> "3yr";
            case "Commit1Mo" -> "1mo";
            default -> null;
        };
    }

    private static Map<String, String> attributes(GcpSku sku, String serviceId) {
        Map<String, String> attributes = new HashMap<>(8);
        putIfPresent(attributes, "resourceGroup", sku.resourceGroup());
        putIfPresent(attributes, "usageUnitDescription", sku.usageUnitDescription());
        putIfPresent(attributes, "baseUnit", sku.baseUnit());
        if (sku.baseUnitConversionFactor() != null) {
            attributes.put("baseUnitConversionFactor", sku.baseUnitConversionFactor().toPlainString());
        }
        if (sku.displayQuantity() != null) {
            attributes.put("displayQuantity", sku.displayQuantity().toPlainString());
        }
        putIfPresent(attributes, "serviceId", serviceId);
        return attributes;
    }

    private static void putIfPresent(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    /** Decimals in ids: {@code stripTrailingZeros().toPlainString()} ({@code 0}, {@code 100}, {@code 0.5}). */
    static String decimalId(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
