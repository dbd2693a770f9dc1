package io.pricestream.streams.rules;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * The values of one price that relevance rules test, however they are held: a decoded {@link SkuPrice}
 * ({@link #of}), or the bytes {@link RuleFieldsReader} read from a raw record, decoded only when a rule asks.
 */
public interface RuleValues {

    /** {@code field} of the price as {@link PriceField#value} gives it: null when absent. */
    String value(PriceField field);

    /** The price's {@code service_name}, which a {@code service} condition also tests. */
    String serviceName();

    /** The value of attribute {@code key}, or null. */
    String attribute(String key);

    static RuleValues of(SkuPrice price) {
        return new RuleValues() {
            @Override
            public String value(PriceField field) {
                return field.value(price);
            }

            @Override
            public String serviceName() {
                return price.getServiceName();
            }

            @Override
            public String attribute(String key) {
                return price.getAttributes() == null ? null : price.getAttributes().get(key);
            }
        };
    }
}
