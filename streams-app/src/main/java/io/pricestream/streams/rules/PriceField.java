package io.pricestream.streams.rules;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * The {@link SkuPrice} fields a rule can test, by their rules-file name.
 *
 * <p>{@code service} tests both {@code service} and {@code service_name} (an AWS offer code or its display
 * name, an Azure or GCP service name), the same way a run marker's scope does.
 */
public enum PriceField {
    CSP("csp"),
    SERVICE("service"),
    PRODUCT_FAMILY("product_family"),
    REGION("region"),
    PURCHASE_OPTION("purchase_option"),
    UNIT("unit"),
    SKU_NAME("sku_name"),
    TERM("term");

    private final String fileName;

    PriceField(String fileName) {
        this.fileName = fileName;
    }

    /** The name of the field in a rules file. */
    public String fileName() {
        return fileName;
    }

    boolean matches(ValueMatcher matcher, SkuPrice price) {
        return switch (this) {
            case CSP -> matcher.matches(price.getCsp());
            case SERVICE -> matcher.matches(price.getService()) || matcher.matches(price.getServiceName());
            case PRODUCT_FAMILY -> matcher.matches(price.getProductFamily());
            case REGION -> matcher.matches(price.getRegion());
            case PURCHASE_OPTION -> price.getPurchaseOption() != null && matcher.matches(price.getPurchaseOption().name());
            case UNIT -> matcher.matches(price.getUnit());
            case SKU_NAME -> matcher.matches(price.getSkuName());
            case TERM -> matcher.matches(price.getTerm());
        };
    }
}
