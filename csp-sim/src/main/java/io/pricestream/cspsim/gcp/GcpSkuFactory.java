package io.pricestream.cspsim.gcp;

import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.PriceFormat;
import io.pricestream.cspsim.catalogue.SeedHash;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.catalogue.UnitLife;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Derives one GCP SKU from the view, its segment and its unit number. */
final class GcpSkuFactory {
    private static final long USD = 10_000_000_000L;
    /** GCP prices are whole nanos; most list prices have six decimals. */
    private static final long MICRO = 10_000;
    private static final long NANO = 10;
    private static final String HEX = "0123456789ABCDEF";
    private static final String[] USAGE_TYPES = {"OnDemand", "Preemptible", "Commit1Yr", "Commit3Yr"};
    private static final double[] USAGE_FACTORS = {1.0, 0.3, 0.63, 0.45};
    private static final String[] LINES = {"N2", "N2D", "E2", "C3", "N1", "T2D", "C2", "M1", "A2", "C3D", "N4", "Z3"};
    private static final String[] CLASSES = {"Standard", "Nearline", "Coldline", "Archive", "Premium", "Basic"};
    private static final String[] GPUS = {"Tesla T4", "Tesla V100", "L4", "A100 40GB", "H100 80GB", "Tesla P4"};

    private GcpSkuFactory() {
    }

    /** The SKU, or null when the unit does not exist in the view's generation. */
    static GcpSku create(CatalogueView view, Segment segment, int unit) {
        UnitLife life = view.life(segment, unit);
        if (!life.aliveAt(view.generation())) {
            return null;
        }
        GcpKind kind = (GcpKind) segment.kind();
        long unitHash = SeedHash.of(view.seed(), 0x6C, segment.unitId(unit));
        String skuId = SeedHash.code(unitHash, HEX, 4) + "-" + SeedHash.code(SeedHash.mix(unitHash + 1), HEX, 4) + "-"
                + SeedHash.code(SeedHash.mix(unitHash + 2), HEX, 4);
        int usage = kind.usageTypes ? unit % USAGE_TYPES.length : 0;
        String usageType = USAGE_TYPES[usage];
        String[] names = kind == GcpKind.GPU ? GPUS : kind.resourceFamily.equals("Compute")
                || kind.resourceGroup.startsWith("SQL") ? LINES : CLASSES;
        String line = names[(unit / 4) % names.length] + (unit < 4 * names.length ? "" : " v" + (unit / (4 * names.length) + 1));
        String where = segment.regions().size() > 1 ? "Multi-Region " + String.join("/", segment.regions())
                : segment.region().equals("global") ? "(global)" : geography(segment.region()) + " " + segment.region();
        String description = kind.describe(line, where);
        if (usage == 1) {
            description = "Spot Preemptible " + description;
        } else if (usage > 1) {
            description = "Commitment v1: " + description + " for " + (usage == 2 ? "1 Year" : "3 Years");
        }
        double usd = (kind.minUsd + (kind.maxUsd - kind.minUsd) * SeedHash.unit(SeedHash.mix(unitHash + 3)))
                * USAGE_FACTORS[usage];
        // Sub-dollar prices get micro-dollar steps (nanos-only, like 0.031611); tiny ones whole nanos.
        long quantum = usd < 0.001 ? NANO : MICRO;
        long base = Math.max(quantum, Math.round(usd * USD / quantum) * quantum);
        List<GcpSku.Tier> tiers = new ArrayList<>(kind.tierStarts.length);
        long first = minStart(kind.tierStarts);
        for (int t = 0; t < kind.tierStarts.length; t++) {
            boolean free = kind.firstTierFree && kind.tierStarts[t] == first;
            int rank = rank(kind.tierStarts, t);
            long tierBase = free ? 0 : Math.round(base * Math.pow(0.9, rank) / quantum) * quantum;
            long price = view.price(segment, segment.pointId(unit, t), tierBase, quantum, life);
            tiers.add(new GcpSku.Tier(BigDecimal.valueOf(kind.tierStarts[t]), price / USD, (int) ((price % USD) / NANO),
                    CatalogueView.usd(price)));
        }
        String taxonomy = segment.regions().size() > 1 ? "MULTI_REGIONAL" : segment.region().equals("global") ? "GLOBAL"
                : "REGIONAL";
        String effective = "2026-" + PriceFormat.twoDigits(1 + SeedHash.pick(unitHash >>> 7, 9)) + "-"
                + PriceFormat.twoDigits(1 + SeedHash.pick(unitHash >>> 17, 28)) + "T"
                + PriceFormat.twoDigits(SeedHash.pick(unitHash >>> 27, 24)) + ":18:44.165Z";
        return new GcpSku(kind.gcpService(), skuId, description, kind, usageType, segment.regions(), taxonomy,
                tiers, effective);
    }

    private static long minStart(long[] starts) {
        long min = Long.MAX_VALUE;
        for (long s : starts) {
            min = Math.min(min, s);
        }
        return min;
    }

    /** Position of tier t when sorted by start (tiers are written unsorted for some kinds). */
    private static int rank(long[] starts, int t) {
        int rank = 0;
        for (long s : starts) {
            rank += s < starts[t] ? 1 : 0;
        }
        return rank;
    }

    private static String geography(String region) {
        if (region.startsWith("us") || region.startsWith("northamerica") || region.startsWith("southamerica")) {
            return "Americas";
        }
        return region.startsWith("europe") || region.startsWith("me-") || region.startsWith("africa") ? "EMEA" : "APAC";
    }
}
