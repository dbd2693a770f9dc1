package io.pricestream.streams.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random prices for the rules' property tests. */
final class RuleTestPrices {

    private RuleTestPrices() {
    }

    /** Prices over the values the bundled rules test, kept and dropped, with random attribute subsets. */
    static Arbitrary<SkuPrice> prices() {
        Arbitrary<String> csp = Arbitraries.of("aws", "azure", "gcp", "AWS");
        Arbitrary<String> oneService = Arbitraries.of("AmazonEC2", "AWSDataTransfer", "AmazonS3", "AWSELB", "AmazonEKS", "Virtual Machines",
                "Storage", "Bandwidth", "Load Balancer", "Compute Engine", "Cloud Storage", "BigQuery", "Amazon Elastic Compute Cloud");
        // service and service_name: a rule's service condition holds if either matches
        Arbitrary<String[]> service = Combinators.combine(oneService, oneService.injectNull(0.3)).as((code, name) -> new String[] {code, name});
        Arbitrary<String> family = Arbitraries.of("Compute Instance", "Storage", "Storage Snapshot", "Data Transfer",
                "Load Balancer-Application", "Compute", "Network", "NAT Gateway").injectNull(0.1);
        Arbitrary<String> skuName = Arbitraries.of("D4s v5", "E8ds v5", "NC6s v3", "N2 Instance Core running in Americas",
                "Spot Preemptible N2 Instance Core", "Balanced PD Capacity", "Hot LRS").injectNull(0.2);
        Arbitrary<String> region = Arbitraries.of("us-east-1", "eu-west-1", "westeurope", "us-east1", "global");
        Arbitrary<PurchaseOption> option = Arbitraries.of(PurchaseOption.class);
        Arbitrary<String> unit = Arbitraries.of("hours", "gb_month", "requests");
        Arbitrary<Map<String, String>> attributes = Arbitraries.maps(
                Arbitraries.of("instanceFamily", "operatingSystem", "tenancy", "preInstalledSw", "capacitystatus", "productName",
                        "volumeApiName", "memory", "clockSpeed", "storageMedia"),
                Arbitraries.of("General purpose", "Memory optimized", "Linux", "Windows", "Shared", "NA", "Used",
                        "Premium SSD Managed Disks", "General Block Blob v2", "gp3", "16 GiB", ""))
                .ofMaxSize(10);
        return Combinators.combine(csp, service, family, skuName, region, option, unit, attributes)
                .as((c, s, f, n, r, o, u, a) -> price(c, s[0], s[1], f, n, r, o, u, a));
    }

    static SkuPrice price(String csp, String service, String family, String skuName, String region, PurchaseOption option,
                          String unit, Map<String, String> attributes) {
        return price(csp, service, service + " (display)", family, skuName, region, option, unit, attributes);
    }

    static SkuPrice price(String csp, String service, String serviceName, String family, String skuName, String region,
                          PurchaseOption option, String unit, Map<String, String> attributes) {
        return SkuPrice.newBuilder()
                .setCsp(csp).setPriceId("P.Q.R").setSkuId("P").setService(service).setServiceName(serviceName)
                .setProductFamily(family).setRegion(region).setSkuName(skuName).setUnit(unit).setUnitPublished("Hrs")
                .setUnitMultiplier(BigDecimal.ONE).setTierStart(BigDecimal.ZERO).setTierEnd(new BigDecimal("10.5"))
                .setPrice(new BigDecimal("0.0123")).setCurrency("USD").setPurchaseOption(option).setTerm(option == PurchaseOption.RESERVED ? "1yr" : null)
                .setEffectiveFrom(Instant.parse("2026-01-01T00:00:00Z")).setAttributes(new HashMap<>(attributes))
                .setObservedAt(Instant.parse("2026-11-22T00:00:00Z")).setRunId("run-1").setSourceVersion(null)
                .setStatus(PriceStatus.ACTIVE).build();
    }

}
