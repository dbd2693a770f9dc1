package io.pricestream.localstack.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pricestream.localstack.LocalStackException;
import io.pricestream.schemas.registry.CompatibilityLevel;
import io.pricestream.schemas.registry.SchemaRegistryException;

/**
 * A {@link SchemaStore} on a compacted single-partition Kafka topic ({@code _schemas}), in the record
 * layout of Confluent's Schema Registry: key {@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}}
 * → value {@code {"subject","version","id","schema","deleted"}}, key {@code {"keytype":"CONFIG","subject":..,"magic":0}}
 * → value {@code {"compatibilityLevel":..}}. Keys identify a fact, so compaction keeps each one's latest value.
 *
 * <p>Writes go through an idempotent producer with {@code acks=all} and are acknowledged before
 * {@link #append} returns. This store assumes it is the topic's only writer.
 */
public final class KafkaSchemaStore implements SchemaStore {

    public static final String DEFAULT_TOPIC = "_schemas";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where and how to keep the topic; {@code timeout} bounds every broker call (connecting included). */
    public record Settings(String bootstrapServers, String topic, short replicationFactor, Duration timeout) {
        public static Settings defaults(String bootstrapServers) {
            return new Settings(bootstrapServers, DEFAULT_TOPIC, (short) 1, Duration.ofSeconds(30));
        }
    }

    private final Settings settings;
    private final KafkaProducer<String, String> producer;

    private KafkaSchemaStore(Settings settings, KafkaProducer<String, String> producer) {
        this.settings = settings;
        this.producer = producer;
    }

    /**
     * Creates the topic if missing (1 partition, compacted) or checks the existing one, then opens the producer.
     *
     * @throws LocalStackException naming the bootstrap address and topic when the broker cannot be reached or the
     *                             topic is unfit
     */
    public static KafkaSchemaStore open(Settings settings) {
        try (Admin admin = Admin.create(adminProperties(settings))) {
            ensureTopic(admin, settings);
        }
        return new KafkaSchemaStore(settings, new KafkaProducer<>(producerProperties(settings), new StringSerializer(), new StringSerializer()));
    }

    private static void ensureTopic(Admin admin, Settings settings) {
        long timeoutMs = settings.timeout().toMillis();
        NewTopic topic = new NewTopic(settings.topic(), 1, settings.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            try {
                admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                LOG.info("Created schema store topic '{}' at '{}'", settings.topic(), settings.bootstrapServers());
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = admin.describeTopics(List.of(settings.topic())).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(settings.topic());
            if (description.partitions().size() != 1) {
                throw new LocalStackException("schema store topic '" + settings.topic() + "' at " + settings.bootstrapServers()
                        + " has " + description.partitions().size() + " partitions; it must have exactly 1 to keep registrations in order");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
            Config config = admin.describeConfigs(List.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
            String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
                throw new LocalStackException("schema store topic '" + settings.topic() + "' at " + settings.bootstrapServers()
                        + " has cleanup.policy=" + policy + "; it must be compact, or old schemas would be deleted");
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new LocalStackException("cannot reach Kafka at " + settings.bootstrapServers() + " to open the schema store topic '"
                    + settings.topic() + "' within " + timeoutMs + " ms: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while opening the schema store topic '" + settings.topic() + "'", e);
        }
    }

    @Override
    public List<StoreRecord> readAll() {
        TopicPartition partition = new TopicPartition(settings.topic(), 0);
        List<StoreRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(settings), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            while (consumer.position(partition, settings.timeout()) < end) {
                if (System.nanoTime() > deadline) {
                    throw new LocalStackException("could not read schema store topic '" + settings.topic() + "' at "
                            + settings.bootstrapServers() + " to its end offset " + end + " within " + settings.timeout().toMillis() + " ms");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    decode(record).ifPresent(records::add);
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new LocalStackException("cannot reach Kafka at " + settings.bootstrapServers() + " to read schema store topic '"
                    + settings.topic() + "': " + e.getMessage(), e);
        }
        LOG.info("Read {} records from schema store topic '{}'", records.size(), settings.topic());
        return records;
    }

    private Optional<StoreRecord> decode(ConsumerRecord<String, String> record) {
        try {
            JsonNode key = JSON.readTree(record.key());
            JsonNode value = record.value() == null ? null : JSON.readTree(record.value());
            String type = key.path("keytype").asText();
            if ("SCHEMA".equals(type)) {
                if (value == null || value.path("deleted").asBoolean(false)) {
                    return Optional.empty(); // deleted versions are not served
                }
                if (!"AVRO".equals(value.path("schemaType").asText("AVRO"))) {
                    return Optional.empty();
                }
                return Optional.of(new StoreRecord.SchemaVersion(value.get("subject").asText(),
                        value.get("version").asInt(), value.get("id").asInt(), value.get("schema").asText()));
            }
            if ("CONFIG".equals(type)) {
                String subject = key.path("subject").isTextual() ? key.get("subject").asText() : null;
                CompatibilityLevel level = value == null ? null : CompatibilityLevel.parse(value.path("compatibilityLevel").asText(null))
                        .orElseThrow(() -> new IllegalArgumentException("unknown compatibility level in " + record.value()));
                return Optional.of(new StoreRecord.Config(subject, level));
            }
            LOG.debug("Skipping schema store record of key type '{}' at offset {}", type, record.offset());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException("record at offset " + record.offset() + " of schema store topic '" + settings.topic()
                    + "' is not a Schema Registry record (key " + record.key() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void append(StoreRecord record) {
        ObjectNode key = JSON.createObjectNode();
        ObjectNode value = JSON.createObjectNode();
        if (record instanceof StoreRecord.SchemaVersion version) {
            key.put("keytype", "SCHEMA").put("subject", version.subject()).put("version", version.version()).put("magic", 1);
            value.put("subject", version.subject()).put("version", version.version()).put("id", version.id())
                    .put("schema", version.schema()).put("deleted", false);
        } else if (record instanceof StoreRecord.Config config) {
            key.put("keytype", "CONFIG").put("subject", config.subject()).put("magic", 0);
            value.put("compatibilityLevel", config.level() == null ? null : config.level().name());
        }
        String valueText = record instanceof StoreRecord.Config config && config.level() == null ? null : value.toString();
        try {
            producer.send(new ProducerRecord<>(settings.topic(), 0, key.toString(), valueText))
                    .get(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR, "Error while writing to schema store "
                    + describe() + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR, "Interrupted while writing to schema store " + describe(), e);
        }
    }

    @Override
    public String describe() {
        return "topic '" + settings.topic() + "' at " + settings.bootstrapServers();
    }

    @Override
    public void close() {
        producer.close(settings.timeout());
    }

    private static Properties adminProperties(Settings settings) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin");
        return props;
    }

    private static Properties producerProperties(Settings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.timeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-store");
        return props;
    }

    private static Properties consumerProperties(Settings settings) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-loader");
        return props;
    }
}
