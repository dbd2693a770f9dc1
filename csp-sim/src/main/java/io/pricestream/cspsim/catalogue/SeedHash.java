package io.pricestream.cspsim.catalogue;

/**
 * The deterministic hash every generated value derives from. {@link #mix(long)} is the SplitMix64
 * finaliser: a bijection on 64-bit values, so {@code mix(index + key)} gives distinct values for
 * distinct indexes, which makes "the k smallest hashes" an exact selection.
 */
public final class SeedHash {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeedHash() {
    }

    /** SplitMix64 finaliser (bijective). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Hash of an ordered tuple of values. */
    public static long of(long a, long b) {
        return mix(mix(a * GOLDEN + 0x632BE59BD9B4E019L) + b * GOLDEN);
    }

    /** Hash of an ordered tuple of values. */
    public static long of(long a, long b, long c) {
        return mix(of(a, b) + c * GOLDEN);
    }

    /** Hash of an ordered tuple of values. */
    public static long of(long a, long b, long c, long d) {
        return mix(of(a, b, c) + d * GOLDEN);
    }

    /** A value in {@code [0, bound)} taken from a hash. */
    public static int pick(long hash, int bound) {
        return (int) Long.remainderUnsigned(hash, bound);
    }

    /** A value in {@code [0, 1)} taken from a hash. */
    public static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A string of {@code length} characters from {@code alphabet}, derived from a hash. */
    public static String code(long hash, String alphabet, int length) {
        char[] out = new char[length];
        long h = hash;
        for (int i = 0; i < length; i++) {
            if (i % 8 == 7) {
                h = mix(h + i);
            }
            out[i] = alphabet.charAt(pick(h, alphabet.length()));
            h = Long.divideUnsigned(h, alphabet.length()) ^ (h << 59);
        }
        return new String(out);
    }
}
