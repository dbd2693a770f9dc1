package io.pricestream.cspsim.catalogue;

import java.math.BigDecimal;
import java.util.List;

/**
 * The catalogue as of one generation: which units exist and what each price is. Immutable and
 * cheap; every value is recomputed from the seed and the generation history.
 */
public final class CatalogueView {
    /** Prices are longs in units of 10^-10 USD, the finest scale any of the three APIs prints. */
    public static final int PRICE_SCALE = 10;

    private final long seed;
    private final List<Generation> history;
    private final int generation;

    CatalogueView(long seed, List<Generation> history, int generation) {
        this.seed = seed;
        this.history = history;
        this.generation = generation;
    }

    /** Generation this view shows. */
    public int generation() {
        return generation;
    }

    /** Catalogue seed. */
    public long seed() {
        return seed;
    }

    /** A generation of the history, {@code 0..generation()}. */
    public Generation generationAt(int g) {
        return history.get(g);
    }

    /** When the unit exists, considering generations up to this view's. */
    public UnitLife life(Segment segment, int unit) {
        int born = unit < segment.initialUnits() ? 0 : -1;
        int died = UnitLife.FOREVER;
        if (generation == 0) {
            return new UnitLife(born, died);
        }
        long unitId = segment.unitId(unit) * 31 + segment.csp().ordinal();
        // Spares appear at the rate that keeps additions about equal to removals.
        double spareRatio = (double) segment.initialUnits() / (segment.universeUnits() - segment.initialUnits());
        for (int g = 1; g <= generation; g++) {
            Generation gen = history.get(g);
            if (gen.removeProbability() == 0) {
                continue;
            }
            if (born < 0) {
                if (SeedHash.unit(SeedHash.mix(unitId + gen.addKey())) < Math.min(1.0, gen.removeProbability() * spareRatio)) {
                    born = g;
                }
            } else if (SeedHash.unit(SeedHash.mix(unitId + gen.removeKey())) < gen.removeProbability()) {
                died = g;
                break;
            }
        }
        return new UnitLife(born, died);
    }

    /** Whether the point changes value in generation {@code g} (≥ 1). */
    public boolean changedAt(Segment segment, long pointId, UnitLife life, int g) {
        return life.aliveAt(g - 1) && life.aliveAt(g) && history.get(g).selects(segment.csp(), pointId);
    }

    /**
     * The price of a point in this generation: its base price moved once for every generation that
     * selected it.
     *
     * @param base    generation-0 price in 10^-10 USD
     * @param quantum price granularity in 10^-10 USD (1 USD for upfront fees, 10^-6 for hourly rates, ...)
     */
    public long price(Segment segment, long pointId, long base, long quantum, UnitLife life) {
        long price = base;
        for (int g = 1; g <= generation; g++) {
            if (history.get(g).changeCount()[segment.csp().ordinal()] > 0 && changedAt(segment, pointId, life, g)) {
                price = moved(price, quantum, SeedHash.of(seed, 0x5A1E, pointId, g));
            }
        }
        return price;
    }

    /** Whether anything in the segment changed in generation {@code g}. */
    public boolean touched(Segment segment, int g) {
        return g > 0 && history.get(g).touched()[segment.csp().ordinal()].get(segment.index());
    }

    /** {@code price} as a decimal in USD. */
    public static BigDecimal usd(long price) {
        return BigDecimal.valueOf(price, PRICE_SCALE);
    }

    /** A new price that always differs from {@code old}, moved by -15 %..+20 % and rounded to the quantum. */
    static long moved(long old, long quantum, long hash) {
        if (old == 0) {
            return quantum * (1 + SeedHash.pick(hash, 50));
        }
        double fraction = SeedHash.unit(hash);
        double factor = fraction < 0.4 ? 0.85 + fraction * 0.35 : 1.01 + (fraction - 0.4) * 0.315;
        long moved = Math.round(old * factor / quantum) * quantum;
        if (moved == old) {
            moved = old + quantum;
        }
        if (moved <= 0) {
            moved = old == quantum ? 2 * quantum : quantum;
        }
        return moved;
    }
}
