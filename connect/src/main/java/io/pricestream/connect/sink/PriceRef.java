package io.pricestream.connect.sink;

import io.pricestream.schemas.avro.SkuPrice;

/** Identity of one price point: the primary key of {@code api_price.infra_price}. */
public record PriceRef(String csp, String priceId) {

    public static PriceRef of(SkuPrice price) {
        return new PriceRef(price.getCsp(), price.getPriceId());
    }

    @Override
    public String toString() {
        return csp + "/" + priceId;
    }
}
