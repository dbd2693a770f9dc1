package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

import io.pricestream.connect.testing.Prices;
import io.pricestream.schemas.avro.SkuPrice;
import org.junit.jupiter.api.Test;

class CopyCsvTest {

    @Test
    void shouldQuoteTextLeaveNullsEmptyAndWriteAmountsPlainWhenWritingPriceFields() throws IOException {
        SkuPrice price = Prices.active("p1", "1E-12", 1).setSkuName("say \"hi\", ok").setTierEnd(new BigDecimal("1E+3"))
                .setAttributes(Map.of()).build();
        StringBuilder row = new StringBuilder();

        CopyCsv.priceFields(row, price);

        assertThat(row.toString())
                .startsWith("\"aws\",\"p1\",\"SKU-p1\",\"us-east-1\",\"say \"\"hi\"\", ok\",")
                .contains(",0,1000,\"hours\",\"Hrs\",1,0.000000000001,\"USD\",\"ON_DEMAND\",,\"{}\",,")
                // observed_at, run_id, no source_version; every field followed by its separator
                .endsWith(",2026-01-01T00:01:00Z,\"run-1\",,");
        assertThat(row.toString().split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1))
                .hasSize(CopyCsv.PRICE_COLUMNS.split(",").length + 1);
    }

    @Test
    void shouldSortKeysAndEscapeQuotesWhenWritingAttributesAsJson() {
        assertThat(CopyCsv.attributesJson(Map.of("b", "x\"y", "a", "1"))).isEqualTo("{\"a\":\"1\",\"b\":\"x\\\"y\"}");
    }
}
