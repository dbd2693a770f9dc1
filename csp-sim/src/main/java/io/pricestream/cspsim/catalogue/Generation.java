package io.pricestream.cspsim.catalogue;

import java.util.BitSet;

/**
 * One step of the catalogue's history. A price point present in generations {@code index-1} and
 * {@code index} changes value iff its change hash is among the {@code changeCount[csp]} smallest,
 * i.e. unsigned-less-or-equal to {@code changeThreshold[csp]}.
 *
 * @param index             generation number (0 = initial catalogue)
 * @param share             requested share of changed prices
 * @param removeProbability probability that a present unit disappears in this generation
 * @param changeKey         per CSP: key of the change hash {@code mix(pointId + key)}
 * @param changeCount       per CSP: number of changed points (exact)
 * @param changeThreshold   per CSP: largest selected change hash (valid when the count is positive)
 * @param addKey            key of the hash deciding whether a spare unit appears
 * @param removeKey         key of the hash deciding whether a unit disappears
 * @param touched           per CSP: segments in which something changed (a price, an added or removed unit)
 */
public record Generation(int index, double share, double removeProbability, long[] changeKey, long[] changeCount,
                         long[] changeThreshold, long addKey, long removeKey, BitSet[] touched) {

    static Generation initial(long seed) {
        return create(seed, 0, 0, 0);
    }

    static Generation create(long seed, int index, double share, double removeProbability) {
        int n = Csp.values().length;
        long[] keys = new long[n];
        BitSet[] touched = new BitSet[n];
        for (int c = 0; c < n; c++) {
            keys[c] = SeedHash.of(seed, 0xC4A96EL, c, index);
            touched[c] = new BitSet();
        }
        return new Generation(index, share, removeProbability, keys, new long[n], new long[n],
                SeedHash.of(seed, 0xADDL, index), SeedHash.of(seed, 0xDE1L, index), touched);
    }

    /** Change hash of a point of {@code csp} in this generation. */
    public long changeHash(Csp csp, long pointId) {
        return SeedHash.mix(pointId + changeKey[csp.ordinal()]);
    }

    /** Whether the point (present in this and the previous generation) changes value here. */
    public boolean selects(Csp csp, long pointId) {
        int c = csp.ordinal();
        return changeCount[c] > 0 && Long.compareUnsigned(changeHash(csp, pointId), changeThreshold[c]) <= 0;
    }
}
