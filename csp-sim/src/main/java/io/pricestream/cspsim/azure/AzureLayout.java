package io.pricestream.cspsim.azure;

import io.pricestream.cspsim.catalogue.CatalogueLayout;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.catalogue.SegmentSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Regions and segments of the simulated Azure catalogue, ordered so that meter ids ascend. */
final class AzureLayout {
    /** armRegionName → location. */
    static final Map<String, String> REGIONS = regions(
            "eastus", "US East", "eastus2", "US East 2", "westus", "US West", "westus2", "US West 2", "westus3", "US West 3",
            "centralus", "US Central", "northcentralus", "US North Central", "southcentralus", "US South Central",
            "westcentralus", "US West Central", "canadacentral", "CA Central", "canadaeast", "CA East",
            "brazilsouth", "BR South", "northeurope", "EU North", "westeurope", "EU West", "uksouth", "UK South",
            "ukwest", "UK West", "francecentral", "FR Central", "germanywestcentral", "DE West Central",
            "switzerlandnorth", "CH North", "norwayeast", "NO East", "swedencentral", "SE Central",
            "polandcentral", "PL Central", "italynorth", "IT North", "uaenorth", "AE North",
            "southafricanorth", "ZA North", "centralindia", "IN Central", "southindia", "IN South",
            "westindia", "IN West", "japaneast", "JA East", "japanwest", "JA West", "koreacentral", "KR Central",
            "koreasouth", "KR South", "southeastasia", "AP Southeast", "eastasia", "AP East",
            "australiaeast", "AU East", "australiasoutheast", "AU Southeast", "qatarcentral", "QA Central",
            "israelcentral", "IL Central", "Zone 1", "Zone 1", "Zone 2", "Zone 2", "Zone 3", "Zone 3",
            "Global", "Global", "", "");

    private final List<Segment> segments;

    AzureLayout(long targetPoints) {
        List<String> ordinary = REGIONS.keySet().stream().filter(r -> !r.isEmpty() && !r.startsWith("Zone")
                && !r.equals("Global")).toList();
        List<SegmentSpec> specs = new ArrayList<>();
        for (String region : ordinary) {
            double w = region.equals("eastus") ? 3 : region.equals("westeurope") || region.equals("eastus2") ? 2 : 1;
            add(specs, AzureKind.VM_SIZE, region, 60 * w);
            add(specs, AzureKind.STORAGE_TIERED, region, 6 * w);
            add(specs, AzureKind.STORAGE_DISK, region, 6 * w);
            add(specs, AzureKind.STORAGE_OPERATIONS, region, 6 * w);
            add(specs, AzureKind.LOAD_BALANCER, region, 1);
            add(specs, AzureKind.LOAD_BALANCER_DATA, region, 1);
            add(specs, AzureKind.AKS_UPTIME, region, 1);
            add(specs, AzureKind.COSMOS_DB, region, 2 * w);
        }
        for (String zone : List.of("Zone 1", "Zone 2", "Zone 3")) {
            add(specs, AzureKind.BANDWIDTH, zone, 4);
        }
        add(specs, AzureKind.MONITOR_LOGS, "", 4);
        add(specs, AzureKind.DEVOPS, "Global", 4);
        this.segments = CatalogueLayout.size(Csp.AZURE, specs, targetPoints);
    }

    List<Segment> segments() {
        return segments;
    }

    private static void add(List<SegmentSpec> specs, AzureKind kind, String region, double weight) {
        specs.add(new SegmentSpec(kind.serviceName, List.of(region), kind, weight, kind.pointsPerUnit(), 1));
    }

    private static Map<String, String> regions(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
