package io.pricestream.cspsim.azure;

import java.math.BigDecimal;
import java.util.List;

/** One item of the Azure Retail Prices API, as served. {@code reservationTerm} is null unless a reservation. */
record AzureItem(BigDecimal tierMinimumUnits, String reservationTerm, BigDecimal retailPrice, BigDecimal unitPrice,
                 String armRegionName, String location, String effectiveStartDate, String meterId, String meterName,
                 String productId, String skuId, String productName, String skuName, String serviceName,
                 String serviceId, String serviceFamily, String unitOfMeasure, String type, boolean isPrimaryMeterRegion,
                 String armSkuName, List<SavingsPlan> savingsPlan) {

    /** A savings-plan price of a Consumption item (hourly). */
    record SavingsPlan(BigDecimal unitPrice, BigDecimal retailPrice, String term) {
    }

    /** The price_id of the item itself. */
    String priceId() {
        return meterId + "/" + skuId + "/" + type + "/" + (reservationTerm == null ? "" : reservationTerm) + "/"
                + plain(tierMinimumUnits);
    }

    /** The price_id of one of its savings-plan entries (CONTRIBUTING.md: {@code meterId/skuId/SavingsPlan/<term>/tier}). */
    String savingsPlanPriceId(SavingsPlan plan) {
        return meterId + "/" + skuId + "/SavingsPlan/" + plan.term() + "/" + plain(tierMinimumUnits);
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
