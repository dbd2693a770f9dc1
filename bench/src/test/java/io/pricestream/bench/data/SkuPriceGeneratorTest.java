package io.pricestream.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import io.pricestream.connect.sink.CopyCsv;
import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SkuPriceGeneratorTest {

    private final SkuPriceGenerator generator = new SkuPriceGenerator(7, Instant.parse("2026-11-20T06:00:00Z"), "run-1");

    @Test
    void shouldReturnSameRecordWhenAskedTwiceOrByAnotherInstance() {
        SkuPriceGenerator other = new SkuPriceGenerator(7, Instant.parse("2026-11-20T06:00:00Z"), "run-1");

        assertThat(generator.price(12_345)).isEqualTo(generator.price(12_345)).isEqualTo(other.price(12_345));
        assertThat(generator.price(1)).isNotEqualTo(generator.price(2));
    }

    @Test
    void shouldGiveDistinctKeysAndRealisticSplitWhenGeneratingManyRecords() {
        Set<String> keys = new HashSet<>();
        int aws = 0;
        int gcp = 0;
        int n = 40_000;
        for (long i = 0; i < n; i++) {
            SkuPrice price = generator.price(i);
            keys.add(price.getCsp() + "/" + price.getPriceId());
            aws += price.getCsp().equals("aws") ? 1 : 0;
            gcp += price.getCsp().equals("gcp") ? 1 : 0;
            assertThat(price.getPrice().scale()).isLessThanOrEqualTo(12);
            assertThat(price.getPrice().signum()).isPositive();
        }
        assertThat(keys).hasSize(n);
        assertThat(aws).isEqualTo(n * 60 / 100);
        assertThat(gcp).isEqualTo(n * 15 / 100);
    }

    @Test
    void shouldGiveDistinctGcpKeysBeyondTheFourCharacterRange() {
        long first = 17;                    // a gcp index (17 % 20 >= 17)
        long wrapped = first + 1_679_616L * 20; // same low code, same cloud
        assertThat(generator.price(first).getCsp()).isEqualTo("gcp");
        assertThat(generator.price(wrapped).getCsp()).isEqualTo("gcp");
        assertThat(generator.price(first).getPriceId()).isNotEqualTo(generator.price(wrapped).getPriceId());
    }

    @Test
    void shouldQuoteTextAndLeaveNullsEmptyWhenWritingCsv() {
        SkuPrice price = SkuPrice.newBuilder(generator.price(3)).setSkuName("say \"hi\", ok").setTerm(null)
                .setTierEnd(null).build();

        String line = PriceCsv.line(price);

        assertThat(line).endsWith("\n").contains("\"say \"\"hi\"\", ok\"")
                .contains("," + price.getPrice().toPlainString() + ",\"USD\",")
                .startsWith("\"aws\",\"XK7Q2M0000000003.JRTCKXETXF.")
                // observed_at, then first_seen_at and last_changed_at equal to it, and no retired_at for an active price
                .contains(",2026-11-20T06:00:00Z,\"" + price.getRunId() + "\",")
                .endsWith(",2026-11-20T06:00:00Z,2026-11-20T06:00:00Z,,\"" + price.getRunId() + "\"\n");
        assertThat(line.split(",", -1)).hasSizeGreaterThanOrEqualTo(PriceCsv.COLUMNS.split(",").length);
        assertThat(CopyCsv.attributesJson(java.util.Map.of("b", "x\"y", "a", "1"))).isEqualTo("{\"a\":\"1\",\"b\":\"x\\\"y\"}");
    }

    @Test
    void shouldBuildValidConnectStructsWithExactDecimalsWhenConvertingForDebezium() {
        SkuPrice price = generator.price(5);

        Struct value = PriceStructs.value(price);
        value.validate();
        PriceStructs.key(price).validate();

        assertThat(value.getString("price_id")).isEqualTo(price.getPriceId());
        assertThat(((java.math.BigDecimal) value.get("price")).compareTo(price.getPrice())).isZero();
        assertThat(PriceStructs.VALUE_SCHEMA.fields()).extracting(f -> f.name())
                .containsExactly(PriceCsv.COLUMNS.split(",\\s*"));
    }
}
