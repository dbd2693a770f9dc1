package io.pricestream.streams.rules;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** One rule as written in a rules file, before compilation; unknown keys are refused by the reader. */
record RuleSpec(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("csp") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher csp,
        @JsonProperty("service") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher service,
        @JsonProperty("product_family") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher productFamily,
        @JsonProperty("region") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher region,
        @JsonProperty("purchase_option") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher purchaseOption,
        @JsonProperty("unit") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher unit,
        @JsonProperty("sku_name") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher skuName,
        @JsonProperty("term") @JsonDeserialize(using = ValueMatcherDeserializer.class) ValueMatcher term,
        @JsonProperty("attributes") @JsonDeserialize(contentUsing = ValueMatcherDeserializer.class) Map<String, ValueMatcher> attributes) {

    RuleSpec {
        // thrown here, Jackson reports the rule's line and its path (include[3]) with the message
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("rule without a name: every rule needs a unique 'name'");
        }
    }

    ValueMatcher field(PriceField field) {
        return switch (field) {
            case CSP -> csp;
            case SERVICE -> service;
            case PRODUCT_FAMILY -> productFamily;
            case REGION -> region;
            case PURCHASE_OPTION -> purchaseOption;
            case UNIT -> unit;
            case SKU_NAME -> skuName;
            case TERM -> term;
        };
    }
}
