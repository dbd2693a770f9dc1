package io.pricestream.cspsim.gcp;

import io.pricestream.cspsim.catalogue.SegmentKind;

/** SKU kinds of the simulated GCP catalogue: category, unit, tiers (in document order) and price range. */
enum GcpKind implements SegmentKind {
    CPU("Compute Engine", "Compute", "CPU", "h", "hour", "s", "second", "3600", new long[] {0}, false, 0.0185, 0.0400, true,
            "%s Instance Core running in %s"),
    RAM("Compute Engine", "Compute", "RAM", "GiBy.h", "gibibyte hour", "By.s", "byte-second", "3865470566400",
            new long[] {0}, false, 0.0022, 0.0054, true, "%s Instance Ram running in %s"),
    GPU("Compute Engine", "Compute", "GPU", "h", "hour", "s", "second", "3600", new long[] {0}, false, 0.35, 3.67, true,
            "Nvidia %s GPU running in %s"),
    PD_CAPACITY("Compute Engine", "Storage", "SSD", "GiBy.mo", "gibibyte month", "By.s", "byte-second",
            "2.8759101014016E15", new long[] {0}, false, 0.04, 0.221, false, "%s PD Capacity in %s"),
    MULTI_REGION_CPU("Compute Engine", "Compute", "N1Standard", "h", "hour", "s", "second", "3600", new long[] {0}, false,
            0.0316, 0.0475, false, "%s Predefined Instance Core running in %s"),
    GCS_STORAGE("Cloud Storage", "Storage", "MultiRegionalStorage", "GiBy.mo", "gibibyte month", "By.s", "byte-second",
            "2.8759101014016E15", new long[] {0}, false, 0.020, 0.036, false, "%s Storage %s"),
    GCS_EGRESS("Cloud Storage", "Network", "InternetEgress", "GiBy", "gibibyte", "By", "byte", "1073741824",
            new long[] {0, 1024, 1}, true, 0.08, 0.23, false, "Download %s Worldwide Destinations %s"),
    GKE_CLUSTER("Kubernetes Engine", "Compute", "CPU", "h", "hour", "s", "second", "3600", new long[] {0}, false, 0.10,
            0.10, false, "%s Kubernetes Clusters %s"),
    GKE_AUTOPILOT("Kubernetes Engine", "Compute", "CPU", "h", "hour", "s", "second", "3600", new long[] {0}, false, 0.0445,
            0.0573, true, "Autopilot %s Pod mCPU Requests (%s)"),
    NET_EGRESS("Networking", "Network", "PremiumInternetEgress", "GiBy", "gibibyte", "By", "byte", "1073741824",
            new long[] {1024, 0, 10240}, false, 0.08, 0.23, false, "Network Internet Egress %s from %s"),
    SQL_CPU("Cloud SQL", "ApplicationServices", "SQLGen2InstancesCPU", "h", "hour", "s", "second", "3600",
            new long[] {0}, false, 0.0413, 0.0590, true, "Cloud SQL for PostgreSQL: %s vCPU in %s"),
    SQL_RAM("Cloud SQL", "ApplicationServices", "SQLGen2InstancesRAM", "GiBy.h", "gibibyte hour", "By.s", "byte-second",
            "3865470566400", new long[] {0}, false, 0.0070, 0.0100, true, "Cloud SQL for PostgreSQL: %s RAM in %s"),
    BQ_ANALYSIS("BigQuery", "ApplicationServices", "AnalysisOnDemand", "TiBy", "tebibyte", "By", "byte",
            "1099511627776", new long[] {0, 1}, true, 6.25, 6.25, false, "%s Analysis %s"),
    RUN_CPU("Cloud Run", "ApplicationServices", "CPU", "s", "second", "s", "second", "1", new long[] {0, 180000}, true,
            0.000018, 0.000024, false, "%s CPU Allocation Time %s"),
    PUBSUB("Cloud Pub/Sub", "ApplicationServices", "Message", "TiBy", "tebibyte", "By", "byte", "1099511627776",
            new long[] {0, 10}, true, 40, 40, false, "%s Message Delivery Basic %s");

    final String service;
    final String resourceFamily;
    final String resourceGroup;
    final String usageUnit;
    final String usageUnitDescription;
    final String baseUnit;
    final String baseUnitDescription;
    final String baseUnitConversionFactor;
    final long[] tierStarts;
    final boolean firstTierFree;
    final double minUsd;
    final double maxUsd;
    /** Whether units of this kind cycle through OnDemand, Preemptible, Commit1Yr, Commit3Yr. */
    final boolean usageTypes;
    final String descriptionFormat;
    private volatile GcpService resolvedService;

    GcpKind(String service, String resourceFamily, String resourceGroup, String usageUnit, String usageUnitDescription,
            String baseUnit, String baseUnitDescription, String baseUnitConversionFactor, long[] tierStarts,
            boolean firstTierFree, double minUsd, double maxUsd, boolean usageTypes, String descriptionFormat) {
        this.service = service;
        this.resourceFamily = resourceFamily;
        this.resourceGroup = resourceGroup;
        this.usageUnit = usageUnit;
        this.usageUnitDescription = usageUnitDescription;
        this.baseUnit = baseUnit;
        this.baseUnitDescription = baseUnitDescription;
        this.baseUnitConversionFactor = baseUnitConversionFactor;
        this.tierStarts = tierStarts;
        this.firstTierFree = firstTierFree;
        this.minUsd = minUsd;
        this.maxUsd = maxUsd;
        this.usageTypes = usageTypes;
        this.descriptionFormat = descriptionFormat;
    }

    /** The catalogue service of this kind (resolved once). */
    GcpService gcpService() {
        GcpService resolved = resolvedService;
        if (resolved == null) {
            resolved = GcpService.byName(service);
            resolvedService = resolved;
        }
        return resolved;
    }

    /** The description with its two placeholders filled (without Formatter: this runs per SKU). */
    String describe(String line, String where) {
        int first = descriptionFormat.indexOf("%s");
        int second = descriptionFormat.indexOf("%s", first + 2);
        return descriptionFormat.substring(0, first) + line + descriptionFormat.substring(first + 2, second) + where
                + descriptionFormat.substring(second + 2);
    }
}
