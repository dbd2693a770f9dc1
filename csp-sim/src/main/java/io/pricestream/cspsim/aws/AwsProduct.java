package io.pricestream.cspsim.aws;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** One product of an offer file with its terms, as rendered into JSON and into the truth. */
record AwsProduct(String sku, String productFamily, Map<String, String> attributes, List<Term> onDemand,
                  List<Term> reserved) {

    /** A term: {@code offerTermCode}, dimensions in document order, term attributes (empty for OnDemand). */
    record Term(String offerTermCode, String effectiveDate, List<Dimension> dimensions, Map<String, String> termAttributes) {
    }

    /** A price dimension; {@code endRange} is {@code "Inf"} for an open tier. */
    record Dimension(String rateCode, String description, String beginRange, String endRange, String unit,
                     String pricePerUnit, BigDecimal price) {
    }
}
