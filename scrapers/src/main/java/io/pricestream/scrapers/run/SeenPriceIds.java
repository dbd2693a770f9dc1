package io.pricestream.scrapers.run;

import java.nio.charset.StandardCharsets;

import org.apache.avro.SchemaNormalization;

/**
 * The price ids already emitted in this run, in bounded memory: a primitive open-addressing set of 64-bit
 * fingerprints (Avro's Rabin CRC-64, {@link SchemaNormalization#fingerprint64}) instead of a {@code HashSet<String>}.
 *
 * <p>Memory: 8 bytes per slot at a load factor of at most 0.7, so 3 M ids take a 4 M–8 M slot table, 32–64 MB,
 * against roughly 130 bytes per id (~390 MB for 3 M) for a {@code HashSet} of the id strings.
 *
 * <p>Honesty: ids are not rechecked, so two different ids with the same fingerprint would make the second look like a
 * repeat and be dropped. For n ids the probability of any such collision in a run is about n²/2⁶⁵: ~2.4·10⁻⁷ for
 * 3 M ids (one run in four million). A CRC also never confuses two ids of equal length that differ within any
 * 64-bit window, which covers the typical near-identical rate codes. The run counts what it drops as duplicates.
 */
public final class SeenPriceIds {

    private static final double MAX_LOAD = 0.7;
    private static final long EMPTY = 0L;

    private long[] slots;
    private int size;
    private int resizeAt;

    public SeenPriceIds() {
        this(1 << 16);
    }

    public SeenPriceIds(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        slots = new long[capacity];
        resizeAt = (int) (capacity * MAX_LOAD);
    }

    /** Adds {@code priceId}; false when it (or an id with the same fingerprint) was already added. */
    public boolean add(String priceId) {
        return addFingerprint(fingerprint(priceId));
    }

    public int size() {
        return size;
    }

    /** Bytes held by the table. */
    public long memoryBytes() {
        return 8L * slots.length;
    }

    static long fingerprint(String priceId) {
        long f = SchemaNormalization.fingerprint64(priceId.getBytes(StandardCharsets.UTF_8));
        return f == EMPTY ? 1L : f; // 0 marks an empty slot
    }

    boolean addFingerprint(long fingerprint) {
        int mask = slots.length - 1;
        int i = (int) mix(fingerprint) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == fingerprint) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = fingerprint;
        if (++size > resizeAt) {
            grow();
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        resizeAt = (int) (slots.length * MAX_LOAD);
        int mask = slots.length - 1;
        for (long f : old) {
            if (f != EMPTY) {
                int i = (int) mix(f) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = f;
            }
        }
    }

    // SplitMix64 finaliser: spreads CRC bits over the low bits used as the slot index.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
