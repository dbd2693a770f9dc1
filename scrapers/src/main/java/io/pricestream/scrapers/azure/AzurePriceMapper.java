package io.pricestream.scrapers.azure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.units.NormalisedUnit;
import io.pricestream.scrapers.units.UnitNormaliser;

/**
 * Turns one Azure tier (an item plus its upper bound) into {@link SkuPrice} records: the item's own price and
 * one {@code SAVINGS_PLAN} record per {@code savingsPlan[]} entry.
 *
 * <p>{@code price_id} follows CONTRIBUTING.md: {@code meterId/skuId/type/reservationTerm/tierMinimumUnits}
 * (terms as published, empty when absent) and {@code meterId/skuId/SavingsPlan/<term>/tierMinimumUnits}.
 * {@code sku_name} is the item's {@code skuName} as published; the product line (OS, Cloud Services, ...) is in
 * the {@code productName} attribute.
 */
final class AzurePriceMapper {

    static final String CSP = "azure";

    private static final Logger LOG = LoggerFactory.getLogger(AzurePriceMapper.class);
    private static final Pattern TERM = Pattern.compile("(\\d+)\\s*(Year|Years|Month|Months)", Pattern.CASE_INSENSITIVE);

    private final String runId;
    private final Instant observedAt;
    private final UnitNormaliser units;
    private final Map<String, NormalisedUnit> unitCache = new HashMap<>();
    private final Set<String> unknownTypesLogged = new HashSet<>();

    AzurePriceMapper(String runId, Instant observedAt, UnitNormaliser units) {
        this.runId = runId;
        this.observedAt = observedAt;
        this.units = units;
    }

    /** Emits the tier's records to {@code out}; returns how many. */
    int emit(AzureRetailItem item, BigDecimal tierEnd, PriceConsumer out) {
        NormalisedUnit unit = unitCache.computeIfAbsent(item.unitOfMeasure(), published -> units.normalise(CSP, published));
        String tierStart = decimalId(item.tierMinimumUnits());
        String reservationTerm = item.reservationTerm() == null ? "" : item.reservationTerm();
        String priceId = item.meterId() + '/' + item.skuId() + '/' + item.type() + '/' + reservationTerm + '/' + tierStart;
        out.accept(price(item, unit, tierEnd, priceId, item.retailPrice(), purchaseOption(item),
                item.reservationTerm() == null ? null : term(item.reservationTerm())));
        for (AzureRetailItem.SavingsPlanRate plan : item.savingsPlans()) {
            String planId = item.meterId() + '/' + item.skuId() + "/SavingsPlan/" + plan.term() + '/' + tierStart;
            out.accept(price(item, unit, tierEnd, planId, plan.retailPrice(), PurchaseOption.SAVINGS_PLAN, term(plan.term())));
        }
        return 1 + item.savingsPlans().size();
    }

    private SkuPrice price(AzureRetailItem item, NormalisedUnit unit, BigDecimal tierEnd, String priceId,
                           BigDecimal price, PurchaseOption option, String term) {
        return SkuPrice.newBuilder()
                .setCsp(CSP)
                .setPriceId(priceId)
                .setSkuId(item.skuId())
                .setService(item.serviceName())
                .setServiceName(null)
                .setProductFamily(item.serviceFamily())
                .setRegion(item.armRegionName())
                .setSkuName(item.skuName())
                .setUnit(unit.unit())
                .setUnitPublished(item.unitOfMeasure())
                .setUnitMultiplier(unit.multiplier())
                .setTierStart(item.tierMinimumUnits())
                .setTierEnd(tierEnd)
                .setPrice(price)
                .setCurrency(item.currencyCode())
                .setPurchaseOption(option)
                .setTerm(term)
                .setEffectiveFrom(item.effectiveStartDate())
                .setAttributes(attributes(item))
                .setObservedAt(observedAt)
                .setRunId(runId)
                .setSourceVersion(null)
                .setStatus(PriceStatus.ACTIVE)
                .build();
    }

    private PurchaseOption purchaseOption(AzureRetailItem item) {
        String skuName = item.skuName() == null ? "" : item.skuName();
        switch (item.type()) {
            case "Consumption":
                if (skuName.endsWith(" Spot")) {
                    return PurchaseOption.SPOT;
                }
                return skuName.endsWith(" Low Priority") ? PurchaseOption.LOW_PRIORITY : PurchaseOption.ON_DEMAND;
            case "DevTestConsumption":
                return PurchaseOption.DEV_TEST;
            case "Reservation":
                return PurchaseOption.RESERVED;
            default:
                // A price type Azure added after this code: keep the price, let validation downstream decide.
                if (unknownTypesLogged.add(item.type())) {
                    LOG.warn("Unknown Azure price type '{}' (meter '{}'): purchase option UNKNOWN", item.type(), item.meterId());
                }
                return PurchaseOption.UNKNOWN;
        }
    }

    /** {@code "1 Year"} → {@code 1yr}, {@code "3 Years"} → {@code 3yr}, {@code "1 Month"} → {@code 1mo}; other text as published. */
    static String term(String published) {
        Matcher matcher = TERM.matcher(published.trim());
        if (!matcher.matches()) {
            return published;
        }
        return matcher.group(1) + (matcher.group(2).toLowerCase().startsWith("year") ? "yr" : "mo");
    }

    private static Map<String, String> attributes(AzureRetailItem item) {
        Map<String, String> attributes = new HashMap<>(12);
        putIfPresent(attributes, "productName", item.productName());
        putIfPresent(attributes, "meterName", item.meterName());
        putIfPresent(attributes, "armSkuName", item.armSkuName());
        putIfPresent(attributes, "location", item.location());
        putIfPresent(attributes, "serviceId", item.serviceId());
        putIfPresent(attributes, "productId", item.productId());
        putIfPresent(attributes, "effectiveEndDate", item.effectiveEndDate());
        if (item.isPrimaryMeterRegion() != null) {
            attributes.put("isPrimaryMeterRegion", item.isPrimaryMeterRegion().toString());
        }
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
