package io.pricestream.scrapers.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenPriceIdsTest {

    @Test
    void shouldReportARepeatOnlyWhenTheSameIdComesAgain() {
        SeenPriceIds seen = new SeenPriceIds(16);

        assertThat(seen.add("QG5G45WKDWDDHTFV.JRTCKXETXF.6YS6EN2CT7")).isTrue();
        assertThat(seen.add("QG5G45WKDWDDHTFV.JRTCKXETXF.6YS6EN2CT8")).isTrue();
        assertThat(seen.add("QG5G45WKDWDDHTFV.JRTCKXETXF.6YS6EN2CT7")).isFalse();
        assertThat(seen.size()).isEqualTo(2);
    }

    @Test
    void shouldKeepEveryDistinctIdWhenGrowingFarPastItsInitialCapacity() {
        SeenPriceIds seen = new SeenPriceIds(16);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            assertThat(seen.add("SKU" + i + ".JRTCKXETXF.6YS6EN2CT7")).isTrue();
        }
        for (int i = 0; i < n; i += 997) {
            assertThat(seen.add("SKU" + i + ".JRTCKXETXF.6YS6EN2CT7")).isFalse();
        }
        assertThat(seen.size()).isEqualTo(n);
        // 200k ids at load <= 0.7 fit in 2^19 slots of 8 bytes
        assertThat(seen.memoryBytes()).isLessThanOrEqualTo(8L << 19);
    }

    @Test
    void shouldNeverUseTheEmptyMarkerAsAFingerprint() {
        SeenPriceIds seen = new SeenPriceIds(16);

        assertThat(seen.addFingerprint(1L)).isTrue();
        assertThat(seen.addFingerprint(1L)).isFalse();
        assertThat(SeenPriceIds.fingerprint("")).isNotZero();
    }
}
