package io.pricestream.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * The bundled rules keep a managed PostgreSQL product's footprint and drop the rest, on records shaped like
 * the scrapers' output for each CSP (service / family / sku name / attributes as in CSP-FORMATS.md).
 */
class DefaultRulesTest {

    private static final RelevanceRules RULES = RulesFile.bundledDefaults();

    /** csp | service | product_family | sku_name | purchase_option | attributes (k=v;k=v) | kept? */
    @ParameterizedTest(name = "[{index}] {0} {1} / {2} / {3} / {4} / {5} -> {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            aws   | AmazonEC2              | Compute Instance   | -                                     | ON_DEMAND    | instanceFamily=General purpose;operatingSystem=Linux;tenancy=Shared;preInstalledSw=NA;capacitystatus=Used   | true
            aws   | AmazonEC2              | Compute Instance   | -                                     | RESERVED     | instanceFamily=Memory optimized;operatingSystem=Linux;tenancy=Shared;preInstalledSw=NA;capacitystatus=Used  | true
            aws   | AmazonEC2              | Compute Instance   | -                                     | ON_DEMAND    | instanceFamily=GPU instance;operatingSystem=Linux;tenancy=Shared;preInstalledSw=NA;capacitystatus=Used      | false
            aws   | AmazonEC2              | Compute Instance   | -                                     | ON_DEMAND    | instanceFamily=General purpose;operatingSystem=Windows;tenancy=Shared;preInstalledSw=NA;capacitystatus=Used | false
            aws   | AmazonEC2              | Compute Instance   | -                                     | ON_DEMAND    | instanceFamily=General purpose;operatingSystem=Linux;tenancy=Dedicated;preInstalledSw=NA;capacitystatus=Used| false
            aws   | AmazonEC2              | Storage            | -                                     | ON_DEMAND    | volumeApiName=gp3                                                                                          | true
            aws   | AmazonEC2              | Storage Snapshot   | -                                     | ON_DEMAND    | -                                                                                                          | true
            aws   | AmazonEC2              | NAT Gateway        | -                                     | ON_DEMAND    | -                                                                                                          | false
            aws   | AWSDataTransfer        | Data Transfer      | -                                     | ON_DEMAND    | transferType=AWS Outbound                                                                                  | true
            aws   | AmazonS3               | Storage            | -                                     | ON_DEMAND    | -                                                                                                          | true
            aws   | AWSELB                 | Load Balancer-Application | -                              | ON_DEMAND    | -                                                                                                          | true
            aws   | AmazonEKS              | Compute            | -                                     | ON_DEMAND    | -                                                                                                          | true
            aws   | AmazonSageMaker        | ML Instance        | -                                     | ON_DEMAND    | -                                                                                                          | false
            azure | Virtual Machines       | Compute            | D4s v5                                | ON_DEMAND    | productName=Virtual Machines Dsv5 Series                                                                   | true
            azure | Virtual Machines       | Compute            | E8ds v5                               | RESERVED     | productName=Virtual Machines Edsv5 Series                                                                  | true
            azure | Virtual Machines       | Compute            | D4s v5                                | ON_DEMAND    | productName=Virtual Machines Dsv5 Series Windows                                                           | false
            azure | Virtual Machines       | Compute            | D14 Spot                              | ON_DEMAND    | productName=Virtual Machines D Series                                                                      | false
            azure | Virtual Machines       | Compute            | D4s v5                                | DEV_TEST     | productName=Virtual Machines Dsv5 Series                                                                   | false
            azure | Virtual Machines       | Compute            | NC6s v3                               | ON_DEMAND    | productName=Virtual Machines NCSv3 Series                                                                  | false
            azure | Storage                | Storage            | P10 LRS                               | ON_DEMAND    | productName=Premium SSD Managed Disks                                                                      | true
            azure | Storage                | Storage            | Hot LRS                               | ON_DEMAND    | productName=General Block Blob v2                                                                          | true
            azure | Storage                | Storage            | Standard                              | ON_DEMAND    | productName=Azure Files                                                                                    | false
            azure | Bandwidth              | Networking         | Standard                              | ON_DEMAND    | -                                                                                                          | true
            azure | Load Balancer          | Networking         | Standard                              | ON_DEMAND    | -                                                                                                          | true
            azure | Azure Kubernetes Service | Compute          | Standard                              | ON_DEMAND    | -                                                                                                          | true
            azure | SQL Database           | Databases          | vCore                                 | ON_DEMAND    | -                                                                                                          | false
            gcp   | Compute Engine         | Compute            | N2 Instance Core running in Americas  | ON_DEMAND    | -                                                                                                          | true
            gcp   | Compute Engine         | Compute            | E2 Instance Ram running in Iowa       | ON_DEMAND    | -                                                                                                          | true
            gcp   | Compute Engine         | Compute            | Commitment v1: N2 Cpu in Americas for 1 Year | RESERVED | -                                                                                                     | true
            gcp   | Compute Engine         | Compute            | Spot Preemptible N2 Instance Core running in Americas | SPOT | -                                                                                                 | false
            gcp   | Compute Engine         | Compute            | Nvidia Tesla T4 GPU running in Americas | ON_DEMAND  | -                                                                                                          | false
            gcp   | Compute Engine         | Storage            | Balanced PD Capacity                  | ON_DEMAND    | -                                                                                                          | true
            gcp   | Compute Engine         | Network            | Network Internet Egress from Virginia to Americas | ON_DEMAND | -                                                                                                | true
            gcp   | Cloud Storage          | Storage            | Standard Storage US Multi-region      | ON_DEMAND    | -                                                                                                          | true
            gcp   | Kubernetes Engine      | Compute            | Regional Kubernetes Clusters          | ON_DEMAND    | -                                                                                                          | true
            gcp   | BigQuery               | ApplicationServices| Analysis                              | ON_DEMAND    | -                                                                                                          | false
            """)
    void shouldKeepTheFootprintAndDropTheRest(String csp, String service, String family, String skuName, PurchaseOption option,
                                              String attributes, boolean kept) {
        SkuPrice price = SkuPrice.newBuilder()
                .setCsp(csp).setPriceId("p").setSkuId("s").setService(service).setServiceName(null).setProductFamily(family)
                .setRegion("r").setSkuName(skuName).setUnit("hours").setUnitPublished("Hrs").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setTierEnd(null).setPrice(BigDecimal.ONE).setCurrency("USD")
                .setPurchaseOption(option).setTerm(null).setEffectiveFrom(null).setAttributes(parse(attributes))
                .setObservedAt(Instant.EPOCH).setRunId("r").setSourceVersion(null).setStatus(PriceStatus.ACTIVE)
                .build();

        assertThat(RULES.isRelevant(price)).isEqualTo(kept);
    }

    private static Map<String, String> parse(String attributes) {
        if (attributes == null) {
            return Map.of();
        }
        Map<String, String> map = new java.util.HashMap<>();
        for (String pair : attributes.split(";")) {
            String[] kv = pair.split("=", 2);
            map.put(kv[0].trim(), kv[1].trim());
        }
        return map;
    }
}
