package io.pricestream.cspsim.azure;

import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.PriceFormat;
import io.pricestream.cspsim.catalogue.SeedHash;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.catalogue.UnitLife;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Derives the items of one Azure unit (meter group) from the view, its segment and its unit number. */
final class AzureItemFactory {
    private static final long USD = 10_000_000_000L;
    private static final String ID_ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXZ";
    private static final String[][] VM_SERIES = {
        {"D", "s_v5", "s v5", "Dsv5"}, {"D", "as_v5", "as v5", "Dasv5"}, {"E", "s_v5", "s v5", "Esv5"},
        {"F", "s_v2", "s v2", "Fsv2"}, {"B", "ms", "ms", "BS"}, {"L", "s_v3", "s v3", "Lsv3"},
        {"D", "ds_v5", "ds v5", "Ddsv5"}, {"E", "as_v5", "as v5", "Easv5"}, {"M", "s_v2", "s v2", "Msv2"},
        {"NC", "as_T4_v3", "as T4 v3", "NCasT4_v3"}};
    private static final int[] VM_SIZES = {2, 4, 8, 16, 32, 48, 64, 96};
    private static final String[] STORAGE_NAMES = {"Hot LRS", "Cool LRS", "Archive LRS", "Hot GRS", "Cool ZRS",
        "Premium LRS", "Hot RA-GRS", "Cold LRS"};
    private static final String[] DISK_NAMES = {"P10 LRS", "P15 LRS", "P20 LRS", "P30 LRS", "E10 LRS", "E30 ZRS",
        "S10 LRS", "S30 LRS", "P40 LRS", "P50 LRS"};
    private static final double[] SAVINGS_PLAN_FACTORS = {0.78, 0.58};
    private static final String[] SAVINGS_PLAN_TERMS = {"1 Year", "3 Years"};

    private AzureItemFactory() {
    }

    /** The unit's items in serving order, or an empty list when the unit does not exist in the view's generation. */
    static List<AzureItem> create(CatalogueView view, Segment segment, int unit) {
        UnitLife life = view.life(segment, unit);
        if (!life.aliveAt(view.generation())) {
            return List.of();
        }
        AzureKind kind = (AzureKind) segment.kind();
        long productHash = SeedHash.of(view.seed(), 0xA2, kind.ordinal(), unit);
        long unitHash = SeedHash.of(view.seed(), 0xA3, segment.unitId(unit));
        Names names = names(kind, unit);
        double base = kind.minUsd + (kind.maxUsd - kind.minUsd) * SeedHash.unit(productHash) ;
        base *= names.sizeFactor * (0.9 + 0.2 * SeedHash.unit(unitHash));
        long quantum = Math.max(1, Math.round(kind.quantumUsd * USD));
        String region = segment.region();
        String location = AzureLayout.REGIONS.get(region);
        String effective = "20" + (21 + SeedHash.pick(unitHash >>> 5, 5)) + "-"
                + PriceFormat.twoDigits(1 + SeedHash.pick(unitHash >>> 13, 12)) + "-01T00:00:00Z";
        List<AzureItem> items = new ArrayList<>(kind.items.size());
        int ordinal = 0;
        for (AzureKind.ItemSpec spec : kind.items) {
            boolean reservation = spec.reservationTerm().length() > 0;
            long itemQuantum = reservation ? USD / 100 : quantum;
            long itemBase = spec.free() ? 0 : Math.round(base * spec.priceFactor() * USD / itemQuantum) * itemQuantum;
            long price = view.price(segment, segment.pointId(unit, ordinal++), itemBase, itemQuantum, life);
            List<AzureItem.SavingsPlan> plans = List.of();
            if (spec.savingsPlan()) {
                plans = new ArrayList<>(2);
                for (int t = 0; t < SAVINGS_PLAN_TERMS.length; t++) {
                    long planBase = Math.round(itemBase * SAVINGS_PLAN_FACTORS[t] / quantum) * quantum;
                    long planPrice = view.price(segment, segment.pointId(unit, ordinal++), planBase, quantum, life);
                    BigDecimal p = number(planPrice);
                    plans.add(new AzureItem.SavingsPlan(p, p, SAVINGS_PLAN_TERMS[t]));
                }
            }
            String productId = "DZH3" + SeedHash.code(SeedHash.of(productHash, spec.productVariant().hashCode()),
                    ID_ALPHABET, 8);
            String skuId = productId + "/" + SeedHash.code(SeedHash.of(productHash, spec.skuVariant().hashCode(), 7),
                    ID_ALPHABET, 4);
            BigDecimal value = number(price);
            items.add(new AzureItem(spec.tierMinimumUnits(), reservation ? spec.reservationTerm() : null, value, value,
                    region, location, effective, meterId(view.seed(), segment, unit, spec.meter()),
                    names.meterName + spec.skuVariant(), productId, skuId, names.productName + spec.productVariant(),
                    names.skuName + spec.skuVariant(), kind.serviceName, kind.serviceId, kind.serviceFamily,
                    kind.unitOfMeasure, spec.type(), spec.primary(), names.armSkuName, plans));
        }
        return items;
    }

    /** Meter ids ascend with the unit's position in the catalogue, so items come ordered by meter id. */
    private static String meterId(long seed, Segment segment, int unit, int meter) {
        long ordered = 0x1000_0000_0000L + SeedHash.pick(SeedHash.mix(seed), 0x1000_0000) + segment.unitId(unit) * 8 + meter;
        long random = SeedHash.of(seed, segment.unitId(unit), meter);
        String all = PriceFormat.hex(ordered, 12) + PriceFormat.hex(SeedHash.mix(random), 16) + PriceFormat.hex(random, 4);
        return all.substring(0, 8) + "-" + all.substring(8, 12) + "-" + all.substring(12, 16) + "-"
                + all.substring(16, 20) + "-" + all.substring(20, 32);
    }

    /** Prices as JSON numbers the way Azure writes them: plain decimals, trailing zeros dropped. */
    private static BigDecimal number(long price) {
        return PriceFormat.decimal(price);
    }

    private record Names(String productName, String skuName, String meterName, String armSkuName, double sizeFactor) {
    }

    private static Names names(AzureKind kind, int unit) {
        switch (kind) {
            case VM_SIZE -> {
                String[] series = VM_SERIES[unit % VM_SERIES.length];
                int size = VM_SIZES[(unit / VM_SERIES.length) % VM_SIZES.length];
                String generation = unit < VM_SERIES.length * VM_SIZES.length ? ""
                        : " Gen" + (unit / (VM_SERIES.length * VM_SIZES.length) + 1);
                String sku = series[0] + size + series[2] + generation;
                return new Names("Virtual Machines " + series[3] + " Series", sku, sku,
                        "Standard_" + series[0] + size + series[1] + generation.replace(" ", "_"), size);
            }
            case STORAGE_TIERED, STORAGE_OPERATIONS -> {
                String name = STORAGE_NAMES[unit % STORAGE_NAMES.length] + suffix(unit, STORAGE_NAMES.length);
                boolean ops = kind == AzureKind.STORAGE_OPERATIONS;
                return new Names(ops ? "General Block Blob v2" : "Blob Storage", name,
                        name + (ops ? " Write Operations" : " Data Stored"), "", 1);
            }
            case STORAGE_DISK -> {
                String name = DISK_NAMES[unit % DISK_NAMES.length] + suffix(unit, DISK_NAMES.length);
                return new Names("Premium SSD Managed Disks", name, name + " Disk", "", 1);
            }
            case BANDWIDTH -> {
                String name = "Standard" + suffix(unit, 1);
                return new Names("Rtn Preference: MGN", name, name + " Data Transfer Out", "", 1);
            }
            default -> {
                String name = "Standard" + suffix(unit, 1);
                String product = switch (kind) {
                    case LOAD_BALANCER -> "Load Balancer";
                    case LOAD_BALANCER_DATA -> "Load Balancer Data Processed";
                    case AKS_UPTIME -> "Azure Kubernetes Service";
                    case COSMOS_DB -> "Azure Cosmos DB";
                    case MONITOR_LOGS -> "Log Analytics";
                    default -> "Azure DevOps";
                };
                String meter = switch (kind) {
                    case LOAD_BALANCER -> "Standard Overage LB Rules and Outbound Rules";
                    case LOAD_BALANCER_DATA -> "Standard Data Processed";
                    case AKS_UPTIME -> "Standard Uptime SLA";
                    case COSMOS_DB -> "100 RU/s";
                    case MONITOR_LOGS -> "Pay-as-you-go Data Ingestion";
                    default -> "User";
                };
                return new Names(product, name, meter + suffix(unit, 1), "", 1);
            }
        }
    }

    private static String suffix(int unit, int names) {
        return unit < names ? "" : " v" + (unit / names + 1);
    }
}
