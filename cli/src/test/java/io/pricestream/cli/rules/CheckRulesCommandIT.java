package io.pricestream.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.VerbSession;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/** {@code pricestream rules check} counting the latest run of a raw topic on the shared local stack. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CheckRulesCommandIT {

    private static final Instant OLD_RUN = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NEW_RUN = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path workDir;

    @Test
    void shouldCountOnlyTheLatestRunPerRuleWhenReadingARawTopic() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String topic = SharedLocalStack.uniqueName("cli_rules_raw");
        // Old run: 3 EC2 prices; new run: 2 on-demand EC2, 1 spot EC2 and 1 S3 price.
        produce(stack, topic, List.of(
                price("o1", "AmazonEC2", PurchaseOption.ON_DEMAND, "old", OLD_RUN),
                price("o2", "AmazonEC2", PurchaseOption.ON_DEMAND, "old", OLD_RUN),
                price("o3", "AmazonEC2", PurchaseOption.ON_DEMAND, "old", OLD_RUN),
                price("n1", "AmazonEC2", PurchaseOption.ON_DEMAND, "new", NEW_RUN),
                price("n2", "AmazonEC2", PurchaseOption.ON_DEMAND, "new", NEW_RUN),
                price("n3", "AmazonEC2", PurchaseOption.SPOT, "new", NEW_RUN),
                price("n4", "AmazonS3", PurchaseOption.ON_DEMAND, "new", NEW_RUN)));
        Files.writeString(workDir.resolve("rules.yaml"), """
                version: 1
                include:
                  - name: aws-ec2
                    csp: aws
                    service: AmazonEC2
                exclude:
                  - name: no-spot
                    purchase_option: [SPOT]
                """);

        CliRun run = new CliRun(VerbSession.environment(stack, "unused"), workDir).execute("rules", "check", "rules.yaml", "--topics", topic);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(topic + ": run new (4 prices)")
                .contains("4 prices counted, 2 kept, 2 dropped")
                .containsPattern("include +aws-ec2 +3 +2")
                .containsPattern("exclude +no-spot +1 +1");
    }

    private static SkuPrice price(String priceId, String service, PurchaseOption option, String run, Instant observedAt) {
        return SkuPrice.newBuilder().setCsp("aws").setPriceId(priceId).setSkuId("sku-" + priceId).setService(service)
                .setRegion("us-east-1").setUnit("hours").setUnitPublished("Hrs").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setPrice(new BigDecimal("0.1")).setCurrency("USD")
                .setPurchaseOption(option).setObservedAt(observedAt).setRunId(run).build();
    }

    private static void produce(PipelineEnvironment stack, String topic, List<SkuPrice> prices) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        try (KafkaProducer<PriceKey, SpecificRecord> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                PriceSerdes.priceKey(registry).serializer(), PriceSerdes.rawValue(registry).serializer())) {
            for (SkuPrice price : prices) {
                producer.send(new ProducerRecord<>(topic, new PriceKey(price.getCsp(), price.getPriceId()), price)).get();
            }
        }
    }
}
