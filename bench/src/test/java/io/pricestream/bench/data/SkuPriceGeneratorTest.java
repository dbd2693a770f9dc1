package io.pricestream.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.ByteConverter;

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
    void shouldWriteOneBinaryCopyRowOfEveryColumnPerPriceBetweenHeaderAndTrailer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.copy");
        PriceCopyFile.write(file, 3, generator::price);

        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            byte[] header = in.readNBytes(19);
            assertThat(new String(header, 0, 11, StandardCharsets.ISO_8859_1)).isEqualTo("PGCOPY\n\u00ff\r\n\u0000");
            int columns = PriceCopyFile.COLUMNS.split(",").length;
            for (int i = 0; i < 3; i++) {
                SkuPrice price = generator.price(i);
                assertThat(in.readShort()).isEqualTo((short) columns);
                List<byte[]> fields = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    int length = in.readInt();
                    fields.add(length < 0 ? null : in.readNBytes(length));
                }
                assertThat(new String(fields.get(0), StandardCharsets.UTF_8)).isEqualTo(price.getCsp());
                assertThat(new String(fields.get(1), StandardCharsets.UTF_8)).isEqualTo(price.getPriceId());
                // price, column 14: PostgreSQL's numeric form, as PgJDBC binds it
                assertThat(fields.get(13)).isEqualTo(ByteConverter.numeric(price.getPrice()));
                // retired_at null for an active price; last_changed_run_id its run
                assertThat(fields.get(columns - 2)).isNull();
                assertThat(new String(fields.get(columns - 1), StandardCharsets.UTF_8)).isEqualTo(price.getRunId());
            }
            assertThat(in.readShort()).isEqualTo((short) -1);
            assertThat(in.read()).isEqualTo(-1);
        }
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
                .containsExactly(PriceCopyFile.COLUMNS.split(",\\s*"));
    }
}
