package io.pricestream.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.localstack.LocalStackException;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.CompatibilityLevel;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryException;
import io.pricestream.schemas.serde.PriceSerdes;

/** The registry on a real broker's compacted topic, and the serdes through that broker. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSchemaRegistryIT {

    private static final Schema ITEM_V1 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    private static final Schema ITEM_V2_REQUIRED = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\"}]}");

    private final String bootstrap = SharedLocalStack.get().bootstrapServers();

    @Test
    void shouldServeTheSameIdsVersionsAndLevelsAfterARestartOnTheSameTopic() throws Exception {
        String topic = SharedLocalStack.uniqueName("schemas");
        int raw;
        int sku;
        int item;
        try (EmbeddedSchemaRegistry first = startOn(topic)) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(first.url());
            item = client.register("items-value", ITEM_V1);
            raw = client.register("prices.raw.aws-value", RawRecords.VALUE_SCHEMA);
            sku = client.register("prices.sku-value", SkuPrice.getClassSchema());
            assertThat(client.register("prices.raw.gcp-value", RawRecords.VALUE_SCHEMA)).isEqualTo(raw);
            client.setCompatibility("items-value", CompatibilityLevel.NONE);
            client.register("items-value", ITEM_V2_REQUIRED);
        }

        try (EmbeddedSchemaRegistry second = startOn(topic)) {
            RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(second.url());
            assertThat(fresh.schemaById(raw)).isEqualTo(RawRecords.VALUE_SCHEMA);
            assertThat(fresh.schemaById(sku)).isEqualTo(SkuPrice.getClassSchema());
            assertThat(fresh.schemaById(item)).isEqualTo(ITEM_V1);
            assertThat(fresh.subjects()).containsExactly("items-value", "prices.raw.aws-value", "prices.raw.gcp-value", "prices.sku-value");
            assertThat(fresh.versions("items-value")).containsExactly(1, 2);
            assertThat(fresh.latest("items-value").schema()).isEqualTo(ITEM_V2_REQUIRED);
            assertThat(fresh.compatibility("items-value")).isEqualTo(CompatibilityLevel.NONE);
            assertThat(fresh.register("prices.sku-value", SkuPrice.getClassSchema())).as("known schema, known id").isEqualTo(sku);
            int next = fresh.register("prices.sku-key", PriceKey.getClassSchema());
            assertThat(next).as("new ids continue after the stored ones").isGreaterThan(Math.max(Math.max(raw, sku), item + 1));
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
        }
    }

    @Test
    void shouldRefuseIncompatibleSchemasAndUnknownIds() {
        try (EmbeddedSchemaRegistry registry = startOn(SharedLocalStack.uniqueName("schemas"))) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
            client.register("items-value", ITEM_V1);

            assertThatThrownBy(() -> client.register("items-value", ITEM_V2_REQUIRED))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(409);
                        assertThat(e.errorCode()).isEqualTo(409);
                    })
                    .hasMessageContaining("incompatible with an earlier schema for subject \"items-value\"");
            assertThatThrownBy(() -> client.schemaById(4242))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(40403);
                    });
        }
    }

    @Test
    void shouldRoundTripEverySchemaThroughARealBrokerInTheWireFormat() {
        try (EmbeddedSchemaRegistry registry = startOn(SharedLocalStack.uniqueName("schemas"))) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
            Serde<PriceKey> keys = PriceSerdes.priceKey(client);

            roundTrip(client, keys, PriceSerdes.skuPrice(client), SampleRecords.skuPrice());
            roundTrip(client, keys, PriceSerdes.rawValue(client), (SpecificRecord) SampleRecords.skuPrice());
            roundTrip(client, keys, PriceSerdes.rawValue(client), (SpecificRecord) SampleRecords.runMarker());
            roundTrip(client, keys, PriceSerdes.scrapeRun(client), SampleRecords.scrapeRun());
            roundTrip(client, keys, PriceSerdes.priceChanged(client), SampleRecords.priceChanged());
        }
    }

    @Test
    void shouldConfigureSerdesFromTheUrlLikeKafkaStreamsDoes() {
        try (EmbeddedSchemaRegistry registry = startOn(SharedLocalStack.uniqueName("schemas"))) {
            Map<String, Object> configs = Map.of("schema.registry.url", registry.url(), "bootstrap.servers", bootstrap);
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

            roundTrip(client, PriceSerdes.priceKey(configs), PriceSerdes.skuPrice(configs), SampleRecords.skuPrice());
        }
    }

    @Test
    void shouldNameTheBootstrapAddressWhenTheBrokerCannotBeReached() throws IOException {
        String nowhere = "127.0.0.1:" + closedPort();
        KafkaSchemaStore.Settings settings = new KafkaSchemaStore.Settings(nowhere, "_schemas", (short) 1, Duration.ofSeconds(3));

        assertThatThrownBy(() -> EmbeddedSchemaRegistry.start("127.0.0.1", 0, () -> KafkaSchemaStore.open(settings)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("cannot reach Kafka at " + nowhere)
                .hasMessageContaining("'_schemas'");
    }

    @Test
    void shouldRefuseATopicWithMoreThanOnePartition() throws Exception {
        String topic = SharedLocalStack.uniqueName("schemas");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> startOn(topic))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("'" + topic + "'")
                .hasMessageContaining("has 3 partitions");
    }

    @Test
    void shouldNameTheOffsetWhenTheTopicHoldsAForeignRecord() throws Exception {
        String topic = SharedLocalStack.uniqueName("schemas");
        startOn(topic).close();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "not json", "{}")).get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> startOn(topic))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("record at offset 0 of schema store topic '" + topic + "'");
    }

    /** Produces key + value with the serdes, reads the raw bytes back, checks both headers, then decodes. */
    private <V> void roundTrip(RestSchemaRegistryClient client, Serde<PriceKey> keys, Serde<V> values, V value) {
        String topic = SharedLocalStack.uniqueName("serde");
        PriceKey key = SampleRecords.priceKey();
        try (KafkaProducer<PriceKey, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                keys.serializer(), values.serializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to '" + topic + "'", e);
        }
        ConsumerRecord<byte[], byte[]> record = consumeOne(topic);

        assertHeader(record.key(), client.lookupId(topic + "-key", PriceKey.getClassSchema()));
        int valueId = client.latest(topic + "-value").id();
        assertHeader(record.value(), valueId);
        assertThat(keys.deserializer().deserialize(topic, record.key())).isEqualTo(key);
        assertThat(values.deserializer().deserialize(topic, record.value())).isEqualTo(value);
    }

    private static void assertHeader(byte[] bytes, int expectedId) {
        assertThat(bytes[0]).as("magic byte").isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).as("big-endian schema id %d", expectedId)
                .containsExactly(ByteBuffer.allocate(4).putInt(expectedId).array());
    }

    private ConsumerRecord<byte[], byte[]> consumeOne(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).as("records of '%s'", topic).hasSize(1);
            return records.get(0);
        }
    }

    private EmbeddedSchemaRegistry startOn(String topic) {
        KafkaSchemaStore.Settings settings = new KafkaSchemaStore.Settings(bootstrap, topic, (short) 1, Duration.ofSeconds(30));
        return EmbeddedSchemaRegistry.start("127.0.0.1", 0, () -> KafkaSchemaStore.open(settings));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
