package io.pricestream.cspsim.catalogue;

import java.math.BigDecimal;

/**
 * One price point as a correct scraper must produce it.
 *
 * @param csp            provider
 * @param service        AWS offer code, Azure serviceName, GCP service display name
 * @param region         AWS region code of the file, Azure armRegionName, GCP service region
 * @param priceId        the price_id (see README, "price_id")
 * @param skuId          AWS SKU, Azure skuId, GCP skuId
 * @param price          exact price in USD per {@code unit}
 * @param unit           unit as published (AWS {@code unit}, Azure {@code unitOfMeasure}, GCP {@code usageUnit})
 * @param tierStart      lower bound of the tier (0 when not tiered)
 * @param tierEnd        upper bound of the tier (the next tier's start), null when unbounded
 * @param purchaseOption ON_DEMAND, RESERVED, SPOT, LOW_PRIORITY, DEV_TEST, SAVINGS_PLAN
 * @param term           term of reserved/committed/savings-plan prices ({@code 1yr}, {@code 3yr}), else null
 */
public record ExpectedPrice(Csp csp, String service, String region, String priceId, String skuId, BigDecimal price,
                            String unit, BigDecimal tierStart, BigDecimal tierEnd, String purchaseOption,
                            String term) {
}
