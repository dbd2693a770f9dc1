package io.pricestream.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class InternedStringsTest {

    private final InternedStrings strings = new InternedStrings();

    @Property(tries = 3000)
    void shouldReadAsAvroReadsAString(@ForAll byte[] utf8) {
        // any bytes, malformed UTF-8 too: the value must be what the full decode would make of them
        String expected = new Utf8(utf8).toString();
        byte[] longer = Arrays.copyOf(utf8, utf8.length + 3);

        assertThat(strings.of(longer, utf8.length)).isEqualTo(expected);
        assertThat(strings.of(utf8, utf8.length)).isEqualTo(expected);
    }

    @Test
    void shouldGiveTheSameInstanceForTheSameBytes() {
        String first = strings.of(bytes("eu-west-1"), 9);

        assertThat(strings.of(bytes("eu-west-1"), 9)).isSameAs(first);
        assertThat(strings.of(bytes("eu-west-10"), 9)).isSameAs(first);
        assertThat(strings.of(bytes("eu-west-2"), 9)).isEqualTo("eu-west-2").isNotSameAs(first);
        assertThat(strings.of(new byte[0], 0)).isEmpty();
    }

    @Test
    void shouldStillReadEveryValueWhenFull() {
        for (int i = 0; i < InternedStrings.CAPACITY + 100; i++) {
            String value = "sku-" + i;
            assertThat(strings.of(bytes(value), value.length())).isEqualTo(value);
        }
        assertThat(strings.size()).isEqualTo(InternedStrings.CAPACITY);
        assertThat(strings.of(bytes("sku-0"), 5)).isSameAs(strings.of(bytes("sku-0"), 5));
        String unheld = "sku-" + (InternedStrings.CAPACITY + 50);
        assertThat(strings.of(bytes(unheld), unheld.length())).isEqualTo(unheld);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
