package io.pricestream.scrapers.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.testing.TestPrices;

class PriceWritersTest {

    private static final String HEADER = "csp,price_id,sku_id,service,product_family,region,sku_name,unit_published,unit,"
            + "unit_multiplier,tier_start,tier_end,price,currency,purchase_option,term,effective_from";

    private final SkuPrice reserved = TestPrices.price("QG5G45WKDWDDHTFV.VJWZNREJX2.2TG2D8R56U", "AmazonEC2", "491")
            .setPurchaseOption(PurchaseOption.RESERVED).setTerm("1yr/all_upfront/convertible")
            .setUnitPublished("Quantity").setUnit("units").build();
    private final SkuPrice tiered = TestPrices.price("HQEH82ZTFQQ3HRD4.JRTCKXETXF.N9EW5UVVPA", "AmazonEC2", "0.0850000000")
            .setTierStart(new BigDecimal("10240")).setTierEnd(new BigDecimal("51200"))
            .setSkuName("He said \"fast\", twice\nreally").setUnitMultiplier(new BigDecimal("1E+4")).build();

    @Test
    void shouldWriteTheExactHeaderAndPlainDecimalsWhenWritingCsv() throws Exception {
        StringWriter out = new StringWriter();
        try (CsvPriceWriter writer = new CsvPriceWriter(out)) {
            writer.accept(reserved);
            writer.accept(tiered);
            writer.complete(null);
        }
        String[] lines = out.toString().split("\r\n", -1);

        assertThat(lines[0]).isEqualTo(HEADER);
        assertThat(lines[1]).isEqualTo("aws,QG5G45WKDWDDHTFV.VJWZNREJX2.2TG2D8R56U,QG5G45WKDWDDHTFV,AmazonEC2,Compute Instance,us-east-2,"
                + "c5.large,Quantity,units,1,0,,491,USD,reserved,1yr/all_upfront/convertible,2025-09-01T00:00:00Z");
        // RFC 4180: quoted field with doubled quotes and an embedded line break; multiplier without exponent
        assertThat(out.toString()).contains(",\"He said \"\"fast\"\", twice\nreally\",Hrs,hours,10000,10240,51200,0.0850000000,USD,on_demand,,");
        assertThat(out.toString()).endsWith("\r\n");
    }

    @Test
    void shouldWriteOneObjectPerLineWithStringDecimalsWhenWritingJsonl() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonlPriceWriter writer = new JsonlPriceWriter(out)) {
            writer.accept(reserved);
            writer.accept(tiered);
            writer.complete(null);
        }
        List<String> lines = out.toString().lines().toList();

        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("price").isTextual()).isTrue();
        assertThat(first.get("price").asText()).isEqualTo("491");
        assertThat(first.get("tier_end").isNull()).isTrue();
        assertThat(first.get("purchase_option").asText()).isEqualTo("reserved");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.get("price").asText()).isEqualTo("0.0850000000");
        assertThat(second.get("tier_end").asText()).isEqualTo("51200");
        assertThat(second.get("sku_name").asText()).isEqualTo("He said \"fast\", twice\nreally");
        assertThat(second.fieldNames()).toIterable().containsExactly(HEADER.split(","));
    }

    @Test
    void shouldWriteAFileInTheChosenFormatWhenOpenedByName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("prices.csv");
        try (var writer = PriceFileFormat.parse("CSV").open(file)) {
            writer.accept(reserved);
            writer.complete(null);
        }

        assertThat(java.nio.file.Files.readAllLines(file)).hasSize(2).first().isEqualTo(HEADER);
        assertThat(PriceFileFormat.parse(" jsonl ")).isEqualTo(PriceFileFormat.JSONL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceFileFormat.parse("xml")).hasMessageContaining("[csv, jsonl]");
    }
}
