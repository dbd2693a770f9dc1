package io.pricestream.scrapers.azure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One element of the Retail Prices API's {@code Items} array, as published (prices exact, nothing derived).
 *
 * @param reservationTerm  {@code "1 Year"} / {@code "3 Years"} on reservations, else {@code null}
 * @param isPrimaryMeterRegion {@code null} when the item does not say
 * @param effectiveEndDate published text, {@code null} when absent
 * @param savingsPlans     the {@code savingsPlan[]} entries (empty when the item has none)
 */
public record AzureRetailItem(
        String meterId,
        String skuId,
        String productId,
        String type,
        String reservationTerm,
        BigDecimal tierMinimumUnits,
        BigDecimal retailPrice,
        String currencyCode,
        String armRegionName,
        String location,
        Instant effectiveStartDate,
        String effectiveEndDate,
        String meterName,
        String productName,
        String skuName,
        String serviceName,
        String serviceId,
        String serviceFamily,
        String unitOfMeasure,
        Boolean isPrimaryMeterRegion,
        String armSkuName,
        List<SavingsPlanRate> savingsPlans) {

    public AzureRetailItem {
        savingsPlans = List.copyOf(savingsPlans);
    }

    /** One {@code savingsPlan[]} entry: an hourly price under a savings-plan commitment of {@code term}. */
    public record SavingsPlanRate(String term, BigDecimal retailPrice) {
    }
}
