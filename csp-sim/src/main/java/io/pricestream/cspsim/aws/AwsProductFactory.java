package io.pricestream.cspsim.aws;

import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.PriceFormat;
import io.pricestream.cspsim.catalogue.SeedHash;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.catalogue.UnitLife;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Derives one AWS product (attributes, terms, prices) from the view, its segment and its unit number. */
final class AwsProductFactory {
    static final String ON_DEMAND_TERM = "JRTCKXETXF";
    static final String HOURLY_DIMENSION = "6YS6EN2CT7";
    static final String UPFRONT_DIMENSION = "2TG2D8R56U";
    private static final String SKU_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final long USD = 10_000_000_000L;

    /** The twelve reserved terms: code, lease, class, purchase option, hourly factor, upfront hours. */
    private record ReservedTerm(String code, String lease, String offeringClass, String purchaseOption,
                                double hourlyFactor, double upfrontHours) {
    }

    private static final List<ReservedTerm> RESERVED_12 = List.of(
            new ReservedTerm("HU7G6KETJZ", "1yr", "standard", "Partial Upfront", 0.30, 8760 * 0.30),
            new ReservedTerm("4NA7Y494T4", "1yr", "standard", "No Upfront", 0.63, 0),
            new ReservedTerm("6QCMYABX3D", "1yr", "standard", "All Upfront", 0, 8760 * 0.59),
            new ReservedTerm("CUZHX8X6JH", "1yr", "convertible", "Partial Upfront", 0.35, 8760 * 0.35),
            new ReservedTerm("7NE97W5U4E", "1yr", "convertible", "No Upfront", 0.72, 0),
            new ReservedTerm("VJWZNREJX2", "1yr", "convertible", "All Upfront", 0, 8760 * 0.68),
            new ReservedTerm("38NPMPTW36", "3yr", "standard", "Partial Upfront", 0.20, 26280 * 0.20),
            new ReservedTerm("BPH4J8HBKS", "3yr", "standard", "No Upfront", 0.43, 0),
            new ReservedTerm("NQ3QZPMQV9", "3yr", "standard", "All Upfront", 0, 26280 * 0.39),
            new ReservedTerm("R5XV2EPZQZ", "3yr", "convertible", "Partial Upfront", 0.25, 26280 * 0.25),
            new ReservedTerm("Z2E3P23VKM", "3yr", "convertible", "No Upfront", 0.52, 0),
            new ReservedTerm("MZU6U2429S", "3yr", "convertible", "All Upfront", 0, 26280 * 0.49));

    private static final List<ReservedTerm> RESERVED_3 = List.of(RESERVED_12.get(1), RESERVED_12.get(0),
            RESERVED_12.get(2));

    private static final String[] FAMILIES = {"m5", "m6i", "m7g", "c5", "c6i", "c7g", "r5", "r6i", "r7g", "t3", "t4g",
        "x2idn", "i4i", "g5", "p4d", "inf2", "z1d", "d3", "m7i", "c7i"};
    private static final String[] SIZES = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        "24xlarge", "medium", "metal"};
    private static final int[] SIZE_VCPU = {2, 4, 8, 16, 32, 48, 64, 96, 1, 96};
    private static final String[] OPERATING_SYSTEMS = {"Linux", "Windows", "RHEL", "SUSE", "Ubuntu Pro",
        "Red Hat Enterprise Linux with HA"};
    private static final String[] TENANCIES = {"Shared", "Dedicated", "Host"};
    private static final String[] RDS_ENGINES = {"PostgreSQL", "MySQL", "MariaDB", "Oracle", "SQL Server",
        "Aurora PostgreSQL"};

    private AwsProductFactory() {
    }

    /** The product, or null when the unit does not exist in the view's generation. */
    static AwsProduct create(CatalogueView view, Segment segment, int unit) {
        UnitLife life = view.life(segment, unit);
        if (!life.aliveAt(view.generation())) {
            return null;
        }
        AwsKind kind = (AwsKind) segment.kind();
        long unitHash = SeedHash.of(view.seed(), 0xA75, segment.unitId(unit));
        String sku = SeedHash.code(unitHash, SKU_ALPHABET, 16);
        Map<String, String> attributes = attributes(kind, segment, unit, unitHash);
        if (kind.terms == AwsKind.Terms.NONE) {
            return new AwsProduct(sku, kind.productFamily, attributes, List.of(), List.of());
        }
        String label = attributes.getOrDefault("instanceType", attributes.getOrDefault("usagetype", kind.name()));
        long quantum = Math.max(1, Math.round(kind.quantumUsd * USD));
        long odBase = basePrice(kind, unitHash, quantum);
        if (kind.isInstance() && kind != AwsKind.INSTANCE_ALLOCATED_RESERVATION) {
            // Instance prices grow with size: scale the kind's range by vCPUs out of the largest size.
            int vcpu = Integer.parseInt(attributes.get("vcpu"));
            odBase = Math.max(quantum, Math.round(odBase * (vcpu / 96.0) / quantum) * quantum);
        }
        int ordinal = 0;
        List<AwsProduct.Dimension> tiers = new ArrayList<>();
        for (int t = 0; t < kind.tierStarts.length; t++) {
            long base = kind.firstTierFree && t == 0 ? 0 : Math.round(odBase * Math.pow(0.93, t) / quantum) * quantum;
            long price = view.price(segment, segment.pointId(unit, ordinal++), base, quantum, life);
            String begin = Long.toString(kind.tierStarts[t]);
            String end = t + 1 < kind.tierStarts.length ? Long.toString(kind.tierStarts[t + 1]) : "Inf";
            String description = "$" + plain(price) + " per " + kind.unit + " for " + label + " in "
                    + AwsRegions.location(segment.region()) + (kind.tierStarts.length > 1 ? " (" + begin + " to " + end + ")" : "");
            String dimensionCode = kind.tierStarts.length == 1 ? HOURLY_DIMENSION : SeedHash.code(SeedHash.of(unitHash, t),
                    SKU_ALPHABET, 10);
            tiers.add(new AwsProduct.Dimension(sku + "." + ON_DEMAND_TERM + "." + dimensionCode, description, begin, end,
                    kind.unit, tenDecimals(price), CatalogueView.usd(price)));
        }
        // Real files do not list tiers in order: write the first tier last.
        if (tiers.size() > 1) {
            tiers.add(tiers.remove(0));
        }
        String effective = effectiveDate(unitHash);
        List<AwsProduct.Term> onDemand = List.of(new AwsProduct.Term(ON_DEMAND_TERM, effective, tiers, Map.of()));
        List<AwsProduct.Term> reserved = new ArrayList<>();
        List<ReservedTerm> terms = kind.terms == AwsKind.Terms.RESERVED_12 ? RESERVED_12
                : kind.terms == AwsKind.Terms.RESERVED_3 ? RESERVED_3 : List.of();
        for (ReservedTerm term : terms) {
            List<AwsProduct.Dimension> dimensions = new ArrayList<>(2);
            String termKey = sku + "." + term.code();
            if (term.upfrontHours() > 0) {
                long base = Math.max(1, Math.round(odBase * term.upfrontHours() / USD)) * USD;
                long price = view.price(segment, segment.pointId(unit, ordinal++), base, USD, life);
                dimensions.add(new AwsProduct.Dimension(termKey + "." + UPFRONT_DIMENSION, "Upfront Fee", null, null,
                        "Quantity", plain(price), CatalogueView.usd(price)));
            }
            long hourlyBase = Math.round(odBase * term.hourlyFactor() / 10_000) * 10_000;
            long hourly = view.price(segment, segment.pointId(unit, ordinal++), hourlyBase, 10_000, life);
            dimensions.add(new AwsProduct.Dimension(termKey + "." + HOURLY_DIMENSION,
                    label + " reserved instance applied (" + term.lease() + " " + term.purchaseOption() + ")", "0", "Inf",
                    "Hrs", tenDecimals(hourly), CatalogueView.usd(hourly)));
            Map<String, String> termAttributes = new LinkedHashMap<>();
            termAttributes.put("LeaseContractLength", term.lease());
            termAttributes.put("OfferingClass", term.offeringClass());
            termAttributes.put("PurchaseOption", term.purchaseOption());
            reserved.add(new AwsProduct.Term(term.code(), effective, dimensions, termAttributes));
        }
        return new AwsProduct(sku, kind.productFamily, attributes, onDemand, reserved);
    }

    private static long basePrice(AwsKind kind, long unitHash, long quantum) {
        double usd = kind.minUsd + (kind.maxUsd - kind.minUsd) * SeedHash.unit(SeedHash.mix(unitHash + 7));
        return Math.round(usd * USD / quantum) * quantum;
    }

    private static Map<String, String> attributes(AwsKind kind, Segment segment, int unit, long unitHash) {
        String region = segment.region();
        String prefix = AwsRegions.usagePrefix(region);
        Map<String, String> a = new LinkedHashMap<>();
        boolean transfer = kind == AwsKind.EC2_DATA_TRANSFER || kind == AwsKind.DT_EGRESS;
        a.put("servicecode", transfer ? "AWSDataTransfer" : segment.service());
        a.put("servicename", transfer ? "AWS Data Transfer" : segment.service());
        if (transfer) {
            a.put("transferType", SeedHash.pick(unitHash, 3) == 0 ? "InterRegion Outbound" : "AWS Outbound");
            a.put("fromLocation", AwsRegions.location(region));
            a.put("fromLocationType", AwsRegions.locationType(region));
            a.put("fromRegionCode", region);
            a.put("toLocation", "External");
            a.put("toLocationType", "Other");
            a.put("usagetype", prefix + "DataTransfer-Out-Bytes");
            a.put("operation", "");
            return a;
        }
        a.put("location", AwsRegions.location(region));
        a.put("locationType", AwsRegions.locationType(region));
        a.put("regionCode", region);
        if (kind.isInstance()) {
            int family = unit % FAMILIES.length;
            int size = (unit / FAMILIES.length) % SIZES.length;
            int os = (unit / (FAMILIES.length * SIZES.length)) % OPERATING_SYSTEMS.length;
            int tenancy = (unit / (FAMILIES.length * SIZES.length * OPERATING_SYSTEMS.length)) % TENANCIES.length;
            String type = FAMILIES[family] + "." + (kind == AwsKind.BARE_METAL ? "metal" : SIZES[size]);
            int vcpu = SIZE_VCPU[size];
            boolean rds = kind == AwsKind.RDS_INSTANCE;
            a.put("usagetype", prefix + (rds ? "InstanceUsage:db." : "BoxUsage:") + type);
            a.put("operation", rds ? "CreateDBInstance:0014" : "RunInstances" + (os == 0 ? "" : ":000" + (2 + os)));
            a.put("instanceType", (rds ? "db." : "") + type);
            a.put("instanceFamily", family < 3 || family > 17 ? "General purpose" : family < 6 ? "Compute optimized"
                    : family < 9 ? "Memory optimized" : "Accelerated Computing");
            a.put("vcpu", Integer.toString(vcpu));
            a.put("memory", (vcpu * (family < 6 ? 4 : 8)) + " GiB");
            a.put("storage", "EBS only");
            a.put("networkPerformance", vcpu >= 32 ? "Up to 25 Gigabit" : "Up to 10 Gigabit");
            a.put("physicalProcessor", FAMILIES[family].endsWith("g") ? "AWS Graviton3 Processor" : "Intel Xeon Platinum 8375C");
            a.put("clockSpeed", "3.5 GHz");
            if (rds) {
                a.put("databaseEngine", RDS_ENGINES[os]);
                a.put("deploymentOption", tenancy == 0 ? "Single-AZ" : "Multi-AZ");
            } else {
                a.put("tenancy", TENANCIES[tenancy]);
                a.put("operatingSystem", OPERATING_SYSTEMS[os]);
                a.put("licenseModel", os == 1 ? "License Included" : "No License required");
                a.put("preInstalledSw", "NA");
                a.put("capacitystatus", kind == AwsKind.INSTANCE_UNUSED_RESERVATION ? "UnusedCapacityReservation"
                        : kind == AwsKind.INSTANCE_ALLOCATED_RESERVATION ? "AllocatedCapacityReservation" : "Used");
                a.put("marketoption", "OnDemand");
                a.put("normalizationSizeFactor", Integer.toString(Math.max(1, vcpu / 2) * 4));
            }
            return a;
        }
        String variant = Integer.toString(unit);
        switch (kind) {
            case EBS_VOLUME, EBS_IOPS, EBS_SNAPSHOT -> {
                String[] volumes = {"gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"};
                String volume = volumes[unit % volumes.length];
                a.put("usagetype", prefix + (kind == AwsKind.EBS_IOPS ? "EBS:VolumeP-IOPS." : kind == AwsKind.EBS_SNAPSHOT
                        ? "EBS:SnapshotUsage." : "EBS:VolumeUsage.") + volume + (unit < volumes.length ? "" : "." + variant));
                a.put("volumeApiName", volume);
                a.put("volumeType", volume.startsWith("gp") ? "General Purpose" : volume.startsWith("io")
                        ? "Provisioned IOPS" : "Magnetic");
                a.put("storageMedia", volume.startsWith("st") || volume.startsWith("sc") ? "HDD-backed" : "SSD-backed");
                a.put("maxIopsvolume", volume.startsWith("io") ? "64000" : "16000");
            }
            case S3_STORAGE, S3_REQUESTS -> {
                String[] classes = {"General Purpose", "Infrequent Access", "Archive Instant Retrieval", "Intelligent-Tiering",
                    "One Zone-IA", "Glacier Flexible Retrieval"};
                a.put("storageClass", classes[unit % classes.length]);
                a.put("usagetype", prefix + (kind == AwsKind.S3_STORAGE ? "TimedStorage-ByteHrs" : "Requests-Tier" + (1 + unit % 3))
                        + (unit < classes.length ? "" : "." + variant));
                a.put("group", kind == AwsKind.S3_STORAGE ? "S3-Storage" : "S3-API-Tier" + (1 + unit % 3));
            }
            default -> {
                a.put("usagetype", prefix + kind.name().replace('_', '-') + "-" + variant);
                a.put("operation", kind == AwsKind.NAT_GATEWAY ? "NatGateway" : "");
                a.put("groupDescription", kind.productFamily + " " + variant);
            }
        }
        return a;
    }

    private static String effectiveDate(long unitHash) {
        return "20" + (20 + SeedHash.pick(unitHash >>> 3, 6)) + "-" + PriceFormat.twoDigits(1 + SeedHash.pick(unitHash >>> 9, 12))
                + "-01T00:00:00Z";
    }

    /** {@code 0.0800000000}: ten decimals, like the real files. */
    static String tenDecimals(long price) {
        return PriceFormat.tenDecimals(price);
    }

    /** Upfront fees are plain numbers ({@code 1161}). */
    static String plain(long price) {
        return PriceFormat.plain(price);
    }
}
