package io.pricestream.cli.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

/** {@code pricestream streams} on the shared local stack: a relevant raw price reaches the sku topic; Ctrl-C exits 0. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StreamsCommandIT {

    @TempDir
    Path workDir;

    @Test
    void shouldForwardOnlyRelevantPricesAndStopCleanlyWhenRunning() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String raw = SharedLocalStack.uniqueName("cli_streams_raw");
        String sku = SharedLocalStack.uniqueName("cli_streams_sku");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(raw, 1, (short) 1), new NewTopic(sku, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
        Files.writeString(workDir.resolve("rules.yaml"), """
                version: 1
                include:
                  - name: aws-ec2
                    csp: aws
                    service: AmazonEC2
                """);
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        try (KafkaProducer<PriceKey, SpecificRecord> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                PriceSerdes.priceKey(registry).serializer(), PriceSerdes.rawValue(registry).serializer())) {
            for (SkuPrice price : List.of(price("s3-price", "AmazonS3"), price("ec2-price", "AmazonEC2"))) {
                producer.send(new ProducerRecord<>(raw, new PriceKey("aws", price.getPriceId()), price)).get();
            }
        }

        try (VerbSession streams = VerbSession.start(VerbSession.environment(stack, "unused"), workDir, "streams",
                "--rules", workDir.resolve("rules.yaml").toString(),
                "--application-id", SharedLocalStack.uniqueName("cli_streams_app"),
                "--set", "streams.raw.topics=" + raw, "--set", "streams.sku.topic=" + sku,
                "--set", "streams.dlq.topic=" + sku + "_dlq", "--set", "streams.state.dir=" + workDir.resolve("state"));
             KafkaConsumer<PriceKey, SkuPrice> consumer = new KafkaConsumer<>(
                     Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                             ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.skuPrice(registry).deserializer())) {
            consumer.assign(List.of(new TopicPartition(sku, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(sku, 0)));
            List<String> forwarded = new ArrayList<>();
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                for (ConsumerRecord<PriceKey, SkuPrice> record : consumer.poll(Duration.ofMillis(500))) {
                    forwarded.add(record.value().getPriceId());
                }
                return !forwarded.isEmpty() || !streams.isRunning();
            });
            assertThat(streams.run().out()).as(streams.run().err()).contains("running: " + raw + " -> " + sku);
            assertThat(streams.stop()).as(streams.run().err()).isEqualTo(ExitCodes.OK);
            // The S3 price came first on the one partition: had it passed the rules, it would be here before the EC2 one.
            assertThat(forwarded).containsExactly("ec2-price");
        }
    }

    private static SkuPrice price(String priceId, String service) {
        return SkuPrice.newBuilder().setCsp("aws").setPriceId(priceId).setSkuId("sku-" + priceId).setService(service)
                .setRegion("us-east-1").setUnit("hours").setUnitPublished("Hrs").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setPrice(new BigDecimal("0.1")).setCurrency("USD")
                .setPurchaseOption(PurchaseOption.ON_DEMAND).setObservedAt(Instant.parse("2026-11-21T10:00:00Z"))
                .setRunId("run-1").build();
    }
}
