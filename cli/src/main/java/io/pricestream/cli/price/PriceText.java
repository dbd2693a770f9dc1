package io.pricestream.cli.price;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Map;

/** The readable form of one price and its history for {@code pricestream price}. */
final class PriceText {

    private PriceText() {
    }

    static void print(PrintWriter out, PriceLookup.Found price) {
        Map<String, Object> row = price.row();
        Object retired = row.get("retired_at");
        out.println(row.get("cloud_provider") + " " + row.get("price_id") + (retired == null ? "  ACTIVE" : "  RETIRED at " + retired));
        out.println("  sku       " + row.get("sku_id") + orEmpty("  ", row.get("sku_name")));
        out.println("  service   " + row.get("service") + orEmpty(" (", row.get("service_name"), ")") + orEmpty("  family ", row.get("product_family")));
        out.println("  region    " + row.get("region") + "  " + row.get("purchase_option") + orEmpty(" ", row.get("term")));
        out.println("  price     " + amount(row.get("price")) + " " + row.get("currency") + "/" + row.get("unit")
                + "  tier " + amount(row.get("start_usage_amount")) + "–" + (row.get("end_usage_amount") == null ? "∞" : amount(row.get("end_usage_amount")))
                + "  (published per " + row.get("unit_published") + ", x" + amount(row.get("unit_multiplier")) + ")");
        out.println("  seen      first " + row.get("first_seen_at") + ", last changed " + row.get("last_changed_at")
                + ", observed " + row.get("observed_at") + " (run " + row.get("run_id") + ")");
        out.println("  history   " + price.history().size() + (price.history().size() == 1 ? " period" : " periods"));
        for (Map<String, Object> period : price.history()) {
            out.println("    " + period.get("valid_from") + " → " + (period.get("valid_to") == null ? "now                 " : period.get("valid_to"))
                    + "  " + amount(period.get("price")) + " " + period.get("currency") + "/" + period.get("unit")
                    + "  (run " + period.get("run_id") + ")");
        }
        out.println();
    }

    private static String amount(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
    }

    private static String orEmpty(String prefix, Object value) {
        return orEmpty(prefix, value, "");
    }

    private static String orEmpty(String prefix, Object value, String suffix) {
        return value == null ? "" : prefix + value + suffix;
    }
}
