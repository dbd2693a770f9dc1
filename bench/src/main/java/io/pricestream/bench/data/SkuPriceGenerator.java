package io.pricestream.bench.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * Deterministic, realistic {@link SkuPrice}s for benchmarks: record {@code i} is always the same for the same
 * seed, whatever order records are asked for, so every loader in one run moves exactly the same rows.
 *
 * <p>The split across clouds (60% AWS, 25% Azure, 15% GCP) and the id formats follow the real catalogues
 * ({@code CONTRIBUTING.md}, price_id table); prices have up to 10 decimals as published (e.g. {@code 0.0000166667}).
 */
public final class SkuPriceGenerator {

    private static final List<String> AWS_REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
            "ap-southeast-1", "ap-northeast-1", "sa-east-1", "ca-central-1");
    private static final List<String> AZURE_REGIONS = List.of("eastus", "westeurope", "northeurope", "southeastasia",
            "japaneast", "brazilsouth", "uksouth", "australiaeast");
    private static final List<String> GCP_REGIONS = List.of("us-central1", "europe-west1", "asia-east1", "us-east4",
            "europe-west4", "asia-northeast1", "global");
    private static final List<String> AWS_SERVICES = List.of("AmazonEC2", "AmazonRDS", "AmazonS3", "AWSLambda", "AmazonElastiCache");
    private static final List<String> AZURE_SERVICES = List.of("Virtual Machines", "Storage", "SQL Database", "Azure App Service");
    private static final List<String> GCP_SERVICES = List.of("Compute Engine", "Cloud Storage", "Cloud SQL", "BigQuery");
    private static final List<String> UNITS = List.of("hours", "gb_month", "requests", "gb");
    private static final List<String> INSTANCE_TYPES = List.of("m5.large", "m5.xlarge", "c6g.2xlarge", "r6i.4xlarge",
            "t3.micro", "Standard_D2s_v5", "n2-standard-4", "e2-medium");

    private final long seed;
    private final Instant observedAt;
    private final String runId;

    public SkuPriceGenerator(long seed, Instant observedAt, String runId) {
        this.seed = seed;
        this.observedAt = observedAt;
        this.runId = runId;
    }

    /** Record number {@code index} (0-based); distinct indexes give distinct (csp, price_id) keys. */
    public SkuPrice price(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int cloud = (int) (index % 20);
        String csp = cloud < 12 ? "aws" : cloud < 17 ? "azure" : "gcp";
        String region;
        String service;
        String skuId;
        String priceId;
        BigDecimal tierStart = BigDecimal.ZERO;
        switch (csp) {
            case "aws" -> {
                region = pick(random, AWS_REGIONS);
                service = pick(random, AWS_SERVICES);
                skuId = "XK7Q2M" + code(index, 10);
                priceId = skuId + ".JRTCKXETXF." + code(index * 31 + 7, 10);
            }
            case "azure" -> {
                region = pick(random, AZURE_REGIONS);
                service = pick(random, AZURE_SERVICES);
                skuId = "DZH318Z0" + code(index, 4) + "/" + code(index * 7 + 3, 4);
                String meterId = uuid(index);
                priceId = meterId + "/" + skuId + "/Consumption//0";
            }
            default -> {
                region = pick(random, GCP_REGIONS);
                service = pick(random, GCP_SERVICES);
                skuId = code(index, 4) + "-" + code(index / 1_679_616L, 4) + "-" + code(index * 17 + 1, 4);
                priceId = skuId + "/" + region + "/0";
            }
        }
        // published prices have up to 10 decimals; most are small per-unit rates
        BigDecimal price = BigDecimal.valueOf(random.nextLong(1, 50_000_000_000L), 10).stripTrailingZeros();
        boolean tiered = random.nextInt(10) == 0;
        BigDecimal tierEnd = tiered ? BigDecimal.valueOf(random.nextInt(1, 1000) * 1024L) : null;
        String instanceType = pick(random, INSTANCE_TYPES);
        return SkuPrice.newBuilder()
                .setCsp(csp)
                .setPriceId(priceId)
                .setSkuId(skuId)
                .setService(service)
                .setServiceName(service)
                .setProductFamily(random.nextBoolean() ? "Compute Instance" : "Storage")
                .setRegion(region)
                .setSkuName(instanceType + " " + region)
                .setUnit(pick(random, UNITS))
                .setUnitPublished("Hrs")
                .setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(tierStart)
                .setTierEnd(tierEnd)
                .setPrice(price)
                .setCurrency("USD")
                .setPurchaseOption(random.nextInt(4) == 0 ? PurchaseOption.RESERVED : PurchaseOption.ON_DEMAND)
                .setTerm(null)
                .setEffectiveFrom(Instant.parse("2026-11-01T00:00:00Z"))
                .setAttributes(Map.of("instanceType", instanceType, "operatingSystem", "Linux"))
                .setObservedAt(observedAt)
                .setRunId(runId)
                .setSourceVersion("20261120000000")
                .setStatus(PriceStatus.ACTIVE)
                .build();
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A base-36 upper-case code of {@code length} (at most 12) characters, unique for distinct values below 36^length. */
    static String code(long value, int length) {
        if (length > 12) {
            throw new IllegalArgumentException("36^" + length + " does not fit a long; use at most 12 characters");
        }
        String digits = Long.toString(Math.floorMod(value, pow36(length)), 36).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(length - digits.length()) + digits;
    }

    private static long pow36(int length) {
        long result = 1;
        for (int i = 0; i < length; i++) {
            result *= 36;
        }
        return result;
    }

    private static String uuid(long index) {
        String hex = String.format("%032x", index);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                + "-" + hex.substring(20);
    }
}
