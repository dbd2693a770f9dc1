package io.pricestream.cspsim.aws;

import io.pricestream.cspsim.catalogue.SegmentKind;

/** Product kinds of the simulated AWS offers: product family, unit, tiers, terms and price range. */
enum AwsKind implements SegmentKind {
    INSTANCE_USED("Compute Instance", "Hrs", Terms.RESERVED_12, new long[] {0}, false, 0.0052, 9.5, 1e-6),
    INSTANCE_UNUSED_RESERVATION("Compute Instance", "Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.0052, 9.5, 1e-6),
    INSTANCE_ALLOCATED_RESERVATION("Compute Instance", "Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0, 0, 1e-6),
    BARE_METAL("Compute Instance (bare metal)", "Hrs", Terms.ON_DEMAND, new long[] {0}, false, 3.5, 14.0, 1e-6),
    EBS_VOLUME("Storage", "GB-Mo", Terms.ON_DEMAND, new long[] {0}, false, 0.015, 0.125, 1e-6),
    EBS_IOPS("System Operation", "IOPS-Mo", Terms.ON_DEMAND, new long[] {0, 3000}, true, 0.005, 0.065, 1e-6),
    EBS_SNAPSHOT("Storage Snapshot", "GB-Mo", Terms.ON_DEMAND, new long[] {0}, false, 0.0125, 0.05, 1e-6),
    EC2_DATA_TRANSFER("Data Transfer", "GB", Terms.ON_DEMAND, new long[] {0, 10240, 51200, 153600}, false, 0.05, 0.15, 1e-4),
    ELASTIC_IP("IP Address", "Hrs", Terms.ON_DEMAND, new long[] {0, 1}, true, 0.005, 0.005, 1e-6),
    NAT_GATEWAY("NAT Gateway", "Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.045, 0.065, 1e-6),
    NO_TERMS("Fee", "", Terms.NONE, new long[] {}, false, 0, 0, 1e-6),
    UNKNOWN_UNIT("Fee", "Widget-Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.01, 1.0, 1e-6),
    S3_STORAGE("Storage", "GB-Mo", Terms.ON_DEMAND, new long[] {0, 51200, 512000}, false, 0.021, 0.025, 1e-6),
    S3_REQUESTS("API Request", "Requests", Terms.ON_DEMAND, new long[] {0}, false, 0.0000004, 0.000005, 1e-10),
    ELB_HOURS("Load Balancer-Application", "Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.0225, 0.0304, 1e-6),
    ELB_LCU("Load Balancer-Application", "LCU-Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.008, 0.011, 1e-6),
    EKS_CLUSTER("Compute", "Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.10, 0.10, 1e-6),
    EKS_EXTENDED_SUPPORT("Compute", "Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.60, 0.60, 1e-6),
    DT_EGRESS("Data Transfer", "GB", Terms.ON_DEMAND, new long[] {0, 10240, 51200, 153600}, false, 0.05, 0.15, 1e-4),
    RDS_INSTANCE("Database Instance", "Hrs", Terms.RESERVED_3, new long[] {0}, false, 0.016, 13.0, 1e-6),
    DYNAMODB_RCU("Provisioned IOPS", "ReadCapacityUnit-Hrs", Terms.ON_DEMAND, new long[] {0}, false, 0.00013, 0.00016, 1e-8),
    LAMBDA_DURATION("Serverless", "Lambda-GB-Second", Terms.ON_DEMAND, new long[] {0, 6000000000L, 15000000000L}, false,
            0.0000133334, 0.0000166667, 1e-10),
    KMS_REQUESTS("Encryption Key", "Requests", Terms.ON_DEMAND, new long[] {0, 20000}, true, 0.000003, 0.000003, 1e-10);

    /** Which terms a product of this kind carries. */
    enum Terms {
        NONE(0), ON_DEMAND(0), RESERVED_3(5), RESERVED_12(20);

        final int reservedDimensions;

        Terms(int reservedDimensions) {
            this.reservedDimensions = reservedDimensions;
        }
    }

    final String productFamily;
    final String unit;
    final Terms terms;
    final long[] tierStarts;
    final boolean firstTierFree;
    final double minUsd;
    final double maxUsd;
    final double quantumUsd;

    AwsKind(String productFamily, String unit, Terms terms, long[] tierStarts, boolean firstTierFree, double minUsd,
            double maxUsd, double quantumUsd) {
        this.productFamily = productFamily;
        this.unit = unit;
        this.terms = terms;
        this.tierStarts = tierStarts;
        this.firstTierFree = firstTierFree;
        this.minUsd = minUsd;
        this.maxUsd = maxUsd;
        this.quantumUsd = quantumUsd;
    }

    /** Price dimensions of one product. */
    int pointsPerUnit() {
        return terms == Terms.NONE ? 0 : tierStarts.length + terms.reservedDimensions;
    }

    boolean isInstance() {
        return this == INSTANCE_USED || this == INSTANCE_UNUSED_RESERVATION || this == INSTANCE_ALLOCATED_RESERVATION
                || this == BARE_METAL || this == RDS_INSTANCE;
    }
}
