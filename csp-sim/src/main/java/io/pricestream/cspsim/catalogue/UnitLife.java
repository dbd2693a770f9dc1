package io.pricestream.cspsim.catalogue;

/**
 * When a unit exists: from generation {@code born} (inclusive) to {@code died} (exclusive);
 * {@code born < 0} means it has not appeared yet, {@code died == Integer.MAX_VALUE} that it is still there.
 */
public record UnitLife(int born, int died) {
    /** Never removed. */
    public static final int FOREVER = Integer.MAX_VALUE;

    /** Whether the unit exists in generation {@code g}. */
    public boolean aliveAt(int g) {
        return born >= 0 && born <= g && g < died;
    }
}
