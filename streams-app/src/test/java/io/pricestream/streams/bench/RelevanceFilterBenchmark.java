package io.pricestream.streams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.RulesFile;

/**
 * Measures records/s of the relevance filter alone (the bundled rules) on synthetic SkuPrices shaped like
 * the three CSPs' catalogues. A plain main, not a test: speed is reported, never asserted.
 *
 * <p>Run: {@code java -cp <test classpath> io.pricestream.streams.bench.RelevanceFilterBenchmark [records]}.
 */
public final class RelevanceFilterBenchmark {

    private static final String[] AWS_FAMILIES = {"Compute Instance", "Storage", "Data Transfer", "Storage Snapshot", "IP Address",
        "NAT Gateway", "Fee", "Dedicated Host", "Load Balancer"};
    private static final String[] AWS_SERVICES = {"AmazonEC2", "AmazonEC2", "AmazonEC2", "AmazonEC2", "AmazonS3", "AWSDataTransfer",
        "AmazonRDS", "AmazonSageMaker", "AWSLambda", "AmazonEKS"};
    private static final String[] INSTANCE_FAMILIES = {"General purpose", "Memory optimized", "Compute optimized", "GPU instance",
        "Storage optimized"};
    private static final String[] OS = {"Linux", "Windows", "RHEL", "SUSE"};
    private static final String[] AZURE_SERVICES = {"Virtual Machines", "Virtual Machines", "Virtual Machines", "Storage", "Bandwidth",
        "SQL Database", "Azure Cosmos DB", "Load Balancer", "Azure Kubernetes Service", "Azure Monitor"};
    private static final String[] AZURE_SKUS = {"D4s v5", "E8ds v5", "NC6s v3", "F4s v2", "D14 Spot", "E4ds v5 Low Priority", "B2ms"};
    private static final String[] GCP_SERVICES = {"Compute Engine", "Compute Engine", "Cloud Storage", "BigQuery", "Kubernetes Engine",
        "Cloud SQL", "Networking"};
    private static final String[] GCP_SKUS = {"N2 Instance Core running in Americas", "E2 Instance Ram running in Iowa",
        "Preemptible N2 Instance Core running in Americas", "Nvidia Tesla T4 GPU running in Americas", "Balanced PD Capacity",
        "Network Internet Egress from Virginia to Americas", "C2 Instance Core running in Tokyo"};
    private static final PurchaseOption[] OPTIONS = {PurchaseOption.ON_DEMAND, PurchaseOption.RESERVED, PurchaseOption.RESERVED,
        PurchaseOption.RESERVED, PurchaseOption.SAVINGS_PLAN, PurchaseOption.SPOT, PurchaseOption.DEV_TEST};

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RelevanceFilterBenchmark() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<SkuPrice> prices = synthetic(records, new Random(42));
        RelevanceRules rules = RulesFile.bundledDefaults();
        System.out.printf("rules: %d include, %d exclude; %d synthetic prices%n", rules.includeRules().size(),
                rules.excludeRules().size(), prices.size());
        for (int round = 1; round <= 8; round++) {
            long kept = 0;
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (SkuPrice price : prices) {
                if (rules.isRelevant(price)) {
                    kept++;
                }
            }
            long nanos = System.nanoTime() - start;
            long cpuNanos = CPU.getCurrentThreadCpuTime() - cpuStart;
            // on a shared machine wall time includes waiting for a core; records per CPU-second does not
            System.out.printf("round %d%s: %,d records in %,d ms = %,.0f records/s wall, %,.0f records/s per CPU-second (%,d kept, %.1f%%)%n",
                    round, round <= 3 ? " (warm-up)" : "", prices.size(), nanos / 1_000_000, prices.size() * 1e9 / nanos,
                    prices.size() * 1e9 / cpuNanos, kept, 100.0 * kept / prices.size());
        }
    }

    private static List<SkuPrice> synthetic(int count, Random random) {
        List<SkuPrice> prices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // skewed like the real catalogues: AWS and Azure VMs dominate
            int csp = random.nextInt(10);
            SkuPrice.Builder builder = base(i, random);
            if (csp < 5) {
                String service = pick(AWS_SERVICES, random);
                builder.setCsp("aws").setService(service).setProductFamily(pick(AWS_FAMILIES, random))
                        .setAttributes(Map.of("instanceFamily", pick(INSTANCE_FAMILIES, random), "operatingSystem", pick(OS, random),
                                "tenancy", random.nextInt(5) == 0 ? "Dedicated" : "Shared", "preInstalledSw", random.nextInt(4) == 0 ? "SQL Std" : "NA",
                                "capacitystatus", random.nextInt(3) == 0 ? "UnusedCapacityReservation" : "Used",
                                "instanceType", "m6i.large", "vcpu", "2", "memory", "8 GiB"));
            } else if (csp < 8) {
                builder.setCsp("azure").setService(pick(AZURE_SERVICES, random)).setProductFamily("Compute")
                        .setSkuName(pick(AZURE_SKUS, random))
                        .setAttributes(Map.of("productName", random.nextBoolean() ? "Virtual Machines Dsv5 Series" : "Virtual Machines Dsv5 Series Windows",
                                "meterName", "D4s v5", "armSkuName", "Standard_D4s_v5", "type", "Consumption"));
            } else {
                builder.setCsp("gcp").setService(pick(GCP_SERVICES, random)).setProductFamily("Compute")
                        .setSkuName(pick(GCP_SKUS, random))
                        .setAttributes(Map.of("resourceFamily", "Compute", "resourceGroup", "CPU", "usageType", "OnDemand"));
            }
            prices.add(builder.build());
        }
        return prices;
    }

    private static SkuPrice.Builder base(int i, Random random) {
        return SkuPrice.newBuilder()
                .setPriceId("P" + i).setSkuId("S" + i).setServiceName(null).setRegion("us-east-1").setSkuName(null)
                .setUnit("hours").setUnitPublished("Hrs").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setTierEnd(null).setPrice(new BigDecimal("0.096")).setCurrency("USD")
                .setPurchaseOption(pick(OPTIONS, random)).setTerm(null).setEffectiveFrom(null)
                .setObservedAt(Instant.EPOCH).setRunId("r").setSourceVersion(null).setStatus(PriceStatus.ACTIVE);
    }

    private static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
