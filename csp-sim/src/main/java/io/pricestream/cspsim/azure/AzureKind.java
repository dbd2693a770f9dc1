package io.pricestream.cspsim.azure;

import io.pricestream.cspsim.catalogue.SegmentKind;

import java.math.BigDecimal;
import java.util.List;

/** Meter groups of the simulated Azure catalogue: which items one unit serves and how they are priced. */
enum AzureKind implements SegmentKind {
    VM_SIZE("Virtual Machines", "DZH313Z7MMC8", "Compute", "1 Hour", 0.0104, 0.0480, 1e-6, List.of(
            item("Consumption", 0, "", "", 0, "", true, 1.0),
            item("DevTestConsumption", 0, "", "", 0, "", false, 1.0),
            item("Reservation", 0, "", "", 0, "1 Year", false, 8760 * 0.62),
            item("Reservation", 0, "", "", 0, "3 Years", false, 26280 * 0.40),
            item("Consumption", 1, " Windows", "", 0, "", true, 1.45),
            item("Consumption", 2, "", " Spot", 0, "", false, 0.21),
            item("Consumption", 3, " Windows", " Spot", 0, "", false, 0.33),
            item("Consumption", 4, "", " Low Priority", 0, "", false, 0.20))),
    STORAGE_TIERED("Storage", "DZH317F1HKN0", "Storage", "1 GB/Month", 0.0152, 0.0450, 1e-6, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0),
            item("Consumption", 0, "", "", 512000, "", false, 0.92),
            item("Consumption", 0, "", "", 51200, "", false, 0.96))),
    STORAGE_DISK("Storage", "DZH317F1HKN0", "Storage", "1/Month", 1.54, 122.88, 1e-4, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0),
            nonPrimary(item("Consumption", 0, " Legacy", "", 0, "", false, 1.0)))),
    STORAGE_OPERATIONS("Storage", "DZH317F1HKN0", "Storage", "10K", 0.0004, 0.065, 1e-6, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0))),
    BANDWIDTH("Bandwidth", "DZH316TBLZBH", "Networking", "1 GB", 0.05, 0.181, 1e-6, List.of(
            free(item("Consumption", 0, "", "", 0, "", false, 0)),
            item("Consumption", 0, "", "", 153600, "", false, 0.6),
            item("Consumption", 0, "", "", 5, "", false, 1.0),
            item("Consumption", 0, "", "", 10240, "", false, 0.85),
            item("Consumption", 0, "", "", 51200, "", false, 0.7))),
    LOAD_BALANCER("Load Balancer", "DZH318Z0BNVJ", "Networking", "1 Hour", 0.010, 0.025, 1e-6, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0))),
    LOAD_BALANCER_DATA("Load Balancer", "DZH318Z0BNVJ", "Networking", "1 GB", 0.005, 0.005, 1e-6, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0))),
    AKS_UPTIME("Azure Kubernetes Service", "DZH318Z0BNZN", "Compute", "1 Hour", 0.10, 0.60, 1e-6, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0))),
    COSMOS_DB("Azure Cosmos DB", "DZH313Z7M7JX", "Databases", "100/Hour", 0.008, 0.016, 1e-6, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0),
            item("Reservation", 0, "", "", 0, "1 Year", false, 8760 * 0.8))),
    MONITOR_LOGS("Azure Monitor", "DZH318Z0BNWM", "Management and Governance", "1 GB", 2.30, 2.99, 1e-4, List.of(
            free(item("Consumption", 0, "", "", 0, "", false, 0)),
            item("Consumption", 0, "", "", 5, "", false, 1.0))),
    DEVOPS("Azure DevOps", "DZH318Z0C8K9", "Developer Tools", "1/Month", 6.0, 52.0, 1e-2, List.of(
            item("Consumption", 0, "", "", 0, "", false, 1.0)));

    /** One item of a unit: its type, meter, name variants, tier, term and price factor. */
    record ItemSpec(String type, int meter, String productVariant, String skuVariant, BigDecimal tierMinimumUnits,
                    String reservationTerm, boolean savingsPlan, double priceFactor, boolean primary, boolean free) {
    }

    final String serviceName;
    final String serviceId;
    final String serviceFamily;
    final String unitOfMeasure;
    final double minUsd;
    final double maxUsd;
    final double quantumUsd;
    final List<ItemSpec> items;

    AzureKind(String serviceName, String serviceId, String serviceFamily, String unitOfMeasure, double minUsd,
              double maxUsd, double quantumUsd, List<ItemSpec> items) {
        this.serviceName = serviceName;
        this.serviceId = serviceId;
        this.serviceFamily = serviceFamily;
        this.unitOfMeasure = unitOfMeasure;
        this.minUsd = minUsd;
        this.maxUsd = maxUsd;
        this.quantumUsd = quantumUsd;
        this.items = items;
    }

    /** Points of one unit: one per item plus one per savings-plan entry (two terms each). */
    int pointsPerUnit() {
        int points = 0;
        for (ItemSpec item : items) {
            points += item.savingsPlan ? 3 : 1;
        }
        return points;
    }

    private static ItemSpec item(String type, int meter, String productVariant, String skuVariant, long tier,
                                 String term, boolean savingsPlan, double factor) {
        return new ItemSpec(type, meter, productVariant, skuVariant, BigDecimal.valueOf(tier), term, savingsPlan, factor,
                true, false);
    }

    private static ItemSpec nonPrimary(ItemSpec s) {
        return new ItemSpec(s.type, s.meter, s.productVariant, s.skuVariant, s.tierMinimumUnits, s.reservationTerm,
                s.savingsPlan, s.priceFactor, false, s.free);
    }

    private static ItemSpec free(ItemSpec s) {
        return new ItemSpec(s.type, s.meter, s.productVariant, s.skuVariant, s.tierMinimumUnits, s.reservationTerm,
                s.savingsPlan, s.priceFactor, s.primary, true);
    }
}
