package io.pricestream.scrapers.gcp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One SKU of {@code services.skus.list} with its current (last) {@code pricingInfo} entry, prices exact.
 *
 * @param serviceRegions as published; empty when the SKU lists none
 * @param tieredRates    as published, in document order (not necessarily sorted)
 * @param baseUnitConversionFactor {@code null} when absent
 * @param displayQuantity          {@code null} when absent
 */
public record GcpSku(
        String skuId,
        String description,
        String serviceDisplayName,
        String resourceFamily,
        String resourceGroup,
        String usageType,
        List<String> serviceRegions,
        String usageUnit,
        String usageUnitDescription,
        String baseUnit,
        BigDecimal baseUnitConversionFactor,
        BigDecimal displayQuantity,
        List<TieredRate> tieredRates,
        Instant effectiveTime) {

    public GcpSku {
        serviceRegions = List.copyOf(serviceRegions);
        tieredRates = List.copyOf(tieredRates);
    }

    /** One {@code tieredRates[]} entry: the price per {@code usageUnit} from {@code startUsageAmount} on. */
    public record TieredRate(BigDecimal startUsageAmount, BigDecimal price, String currencyCode) {
    }
}
