package io.pricestream.streams.rules;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code String} per distinct UTF-8 value, looked up by its bytes: the values the relevance rules test
 * (CSPs, services, families, regions, units, attribute values) are a few thousand strings repeated across millions
 * of prices, so decoding each one anew was a tenth of a replay's stream-thread CPU, and a fresh string also has to
 * be hashed again by every map it is looked up in.
 *
 * <p>Bounded: it keeps at most {@link #CAPACITY} values; past that, values it does not hold are decoded each time
 * (the answer is the same, only slower). Decoding is {@code new String(bytes, UTF_8)}, as Avro's own
 * {@code Utf8.toString}, so a value reads exactly as the full decode reads it, malformed bytes included.
 *
 * <p>Not thread-safe: one per {@link RuleFieldsReader}.
 */
final class InternedStrings {

    static final int CAPACITY = 16_384;
    /** Open addressing at most half full, so a miss ends quickly. */
    private static final int SLOTS = CAPACITY * 2;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private int size;

    /** The string of the first {@code length} bytes of {@code utf8}. */
    String of(byte[] utf8, int length) {
        int hash = hash(utf8, length);
        int mask = SLOTS - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] held = bytes[slot];
            if (held == null) {
                String value = new String(utf8, 0, length, StandardCharsets.UTF_8);
                if (size < CAPACITY) {
                    bytes[slot] = Arrays.copyOf(utf8, length);
                    strings[slot] = value;
                    size++;
                }
                return value;
            }
            if (held.length == length && Arrays.equals(held, 0, length, utf8, 0, length)) {
                return strings[slot];
            }
        }
    }

    int size() {
        return size;
    }

    private static int hash(byte[] utf8, int length) {
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + utf8[i];
        }
        // spread the low bits the mask keeps
        return hash ^ (hash >>> 16);
    }
}
