package io.pricestream.scrapers.output;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * The columns of the dry-run files, in order, with how each is rendered: decimals as plain strings exactly as held
 * (never through double), {@code purchase_option} lower-case, an unbounded {@code tier_end} empty, instants ISO-8601.
 */
final class PriceColumns {

    record Column(String name, Function<SkuPrice, String> value) {
    }

    static final List<Column> COLUMNS = List.of(
            new Column("csp", SkuPrice::getCsp),
            new Column("price_id", SkuPrice::getPriceId),
            new Column("sku_id", SkuPrice::getSkuId),
            new Column("service", SkuPrice::getService),
            new Column("product_family", SkuPrice::getProductFamily),
            new Column("region", SkuPrice::getRegion),
            new Column("sku_name", SkuPrice::getSkuName),
            new Column("unit_published", SkuPrice::getUnitPublished),
            new Column("unit", SkuPrice::getUnit),
            new Column("unit_multiplier", p -> plain(p.getUnitMultiplier())),
            new Column("tier_start", p -> plain(p.getTierStart())),
            new Column("tier_end", p -> plain(p.getTierEnd())),
            new Column("price", p -> plain(p.getPrice())),
            new Column("currency", SkuPrice::getCurrency),
            new Column("purchase_option", p -> p.getPurchaseOption() == null ? null : p.getPurchaseOption().name().toLowerCase(Locale.ROOT)),
            new Column("term", SkuPrice::getTerm),
            new Column("effective_from", p -> p.getEffectiveFrom() == null ? null : p.getEffectiveFrom().toString()));

    static final String HEADER = String.join(",", COLUMNS.stream().map(Column::name).toList());

    private PriceColumns() {
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
