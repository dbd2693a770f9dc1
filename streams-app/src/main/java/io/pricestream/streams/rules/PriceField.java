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

    /**
     * Whether {@code matcher} holds for this field of {@code price}: on {@link #value}, and for {@code service} also
     * on {@code service_name}. A matcher never holds for an absent value.
     */
    boolean matches(ValueMatcher matcher, SkuPrice price) {
        return matcher.matches(value(price)) || this == SERVICE && matcher.matches(price.getServiceName());
    }

    /** This field of {@code price}: {@code service} for SERVICE, the purchase option's name; null when absent. */
    String value(SkuPrice price) {
        return switch (this) {
            case CSP -> price.getCsp();
            case SERVICE -> price.getService();
            case PRODUCT_FAMILY -> price.getProductFamily();
            case REGION -> price.getRegion();
            case PURCHASE_OPTION -> price.getPurchaseOption() == null ? null : price.getPurchaseOption().name();
            case UNIT -> price.getUnit();
            case SKU_NAME -> price.getSkuName();
            case TERM -> price.getTerm();
        };
    }
}
