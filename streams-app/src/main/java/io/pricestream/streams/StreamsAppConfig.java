package io.pricestream.streams;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.KafkaClientScope;
import io.pricestream.schemas.registry.SchemaRegistryConfig;

/** Typed configuration of the streams app ({@code pricestream streams}); every key is declared once in {@link #CONFIG_DEF}. */
public final class StreamsAppConfig extends ComponentConfig {

    public static final String BOOTSTRAP_SERVERS = "streams.bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "streams.schema.registry.url";
    public static final String SCHEMA_REGISTRY_USER_INFO = "streams.schema.registry.basic.auth.user.info";
    public static final String APPLICATION_ID = "streams.application.id";
    public static final String STATE_DIR = "streams.state.dir";
    public static final String RULES_PATH = "streams.rules.path";
    public static final String RAW_TOPICS = "streams.raw.topics";
    public static final String RAW_TOPIC_PATTERN = "streams.raw.topic.pattern";
    public static final String SKU_TOPIC = "streams.sku.topic";
    public static final String DLQ_TOPIC = "streams.dlq.topic";
    public static final String PRICE_MAX = "streams.price.max";
    public static final String COMMIT_INTERVAL_MS = "streams.commit.interval.ms";
    public static final String NUM_THREADS = "streams.num.threads";
    public static final String PRODUCER_BATCH_SIZE_BYTES = "streams.producer.batch.size.bytes";
    public static final String PRODUCER_COMPRESSION_TYPE = "streams.producer.compression.type";
    public static final String REPLICATION_FACTOR = "streams.replication.factor";
    public static final String UNCAUGHT_EXCEPTION_RESPONSE = "streams.uncaught.exception.response";

    public static final String DEFAULT_APPLICATION_ID = "pricestream-streams";
    public static final String DEFAULT_PRICE_MAX = "1000000000";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka bootstrap servers (host:port,...).")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Schema Registry base URL used to decode raw records and encode prices.sku.")
            .define(SCHEMA_REGISTRY_USER_INFO, Type.PASSWORD, null, SchemaRegistryConfig.userInfoValidator(), Importance.MEDIUM,
                    "HTTP basic auth credentials for the Schema Registry as user:password; unset means basic.auth.user.info "
                            + "(and no authentication when that is unset too).")
            .define(APPLICATION_ID, Type.STRING, DEFAULT_APPLICATION_ID, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application.id: consumer group, transactional id prefix and prefix of internal topics.")
            .define(STATE_DIR, Type.STRING, "~/.pricestream/streams", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Directory of the local state stores (RocksDB; a leading ~ is the user's home); restored from the changelog when lost.")
            .define(RULES_PATH, Type.STRING, "", Importance.HIGH,
                    "Relevance rules YAML file; empty = the bundled default-rules.yaml.")
            .define(RAW_TOPICS, Type.LIST, String.join(",", Topics.allRaw()), nonEmptyList(), Importance.MEDIUM,
                    "Raw topics to read (ignored when streams.raw.topic.pattern is set).")
            .define(RAW_TOPIC_PATTERN, Type.STRING, "", regex(), Importance.LOW,
                    "Java regex of raw topics to read instead of streams.raw.topics, e.g. prices\\.raw\\..*; empty = use the list.")
            .define(SKU_TOPIC, Type.STRING, Topics.SKU, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Output topic of first-seen, changed and retired prices (compacted).")
            .define(DLQ_TOPIC, Type.STRING, Topics.DLQ, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Dead-letter topic for undecodable or invalid raw records (original bytes plus error headers).")
            .define(PRICE_MAX, Type.STRING, DEFAULT_PRICE_MAX, positiveDecimal(), Importance.LOW,
                    "Prices above this value (in the published unit and currency) are rejected as absurd.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 500L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Kafka Streams commit interval; with exactly_once_v2 output becomes visible to read_committed readers at each commit. "
                            + "Every commit is a transaction (producer flush, offsets, markers on every output partition): "
                            + "500 ms keeps that to a few percent of a replay while output still trails input by under a second. "
                            + "A run's end-of-run marker commits at once, whatever the interval.")
            .define(NUM_THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Stream threads in this instance.")
            .define(PRODUCER_BATCH_SIZE_BYTES, Type.INT, 256 * 1024, ConfigDef.Range.between(16 * 1024, 1024 * 1024), Importance.LOW,
                    "batch.size of the app's producer (prices.sku, changelog, DLQ): bigger batches mean fewer produce requests for the "
                            + "broker to append per record during a refresh or replay; at most 1 MiB, the broker's default message.max.bytes.")
            .define(PRODUCER_COMPRESSION_TYPE, Type.STRING, "lz4",
                    ConfigDef.CaseInsensitiveValidString.in("none", "gzip", "snappy", "lz4", "zstd"), Importance.LOW,
                    "compression.type of the app's producer; lz4 shrinks the repetitive price records for little CPU.")
            .define(REPLICATION_FACTOR, Type.INT, -1, ConfigDef.Range.atLeast(-1), Importance.LOW,
                    "Replication factor of internal (changelog) topics; -1 = the broker default.")
            .define(UNCAUGHT_EXCEPTION_RESPONSE, Type.STRING, "shutdown_client",
                    ConfigDef.CaseInsensitiveValidString.in("replace_thread", "shutdown_client", "shutdown_application"), Importance.LOW,
                    "What a stream thread's unexpected exception does: replace the thread, stop this instance, or stop every instance.");

    /**
     * Kafka Streams takes {@code kafka.*} and {@code streams.kafka.*} for all its internal clients; the settings that
     * have their own key, and exactly-once, stay with the app.
     */
    public static final KafkaClientScope KAFKA_SCOPE = KafkaClientScope.of("streams")
            .owning(StreamsConfig.APPLICATION_ID_CONFIG, "has its own key: " + APPLICATION_ID)
            .owning(StreamsConfig.STATE_DIR_CONFIG, "has its own key: " + STATE_DIR)
            .owning(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "the app always runs exactly_once_v2")
            .owning(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "has its own key: " + COMMIT_INTERVAL_MS)
            .owning(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "has its own key: " + NUM_THREADS)
            .owning(StreamsConfig.REPLICATION_FACTOR_CONFIG, "has its own key: " + REPLICATION_FACTOR)
            .owning(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, "the topology names its serdes (Confluent wire format)")
            .owning(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, "the topology names its serdes (Confluent wire format)")
            // Kafka Streams lets producer.-prefixed settings win, so both spellings would bypass the app's own keys.
            .owning(ProducerConfig.BATCH_SIZE_CONFIG, "has its own key: " + PRODUCER_BATCH_SIZE_BYTES)
            .owning(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "has its own key: " + PRODUCER_BATCH_SIZE_BYTES)
            .owning(ProducerConfig.COMPRESSION_TYPE_CONFIG, "has its own key: " + PRODUCER_COMPRESSION_TYPE)
            .owning(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "has its own key: " + PRODUCER_COMPRESSION_TYPE);

    public StreamsAppConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, KAFKA_SCOPE);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    /** The registry client settings: {@link #SCHEMA_REGISTRY_URL} with its credentials. */
    public SchemaRegistryConfig schemaRegistry() {
        return SchemaRegistryConfig.forComponent(originals(), SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER_INFO);
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    /** The rules file, or empty for the bundled defaults. */
    public Optional<Path> rulesPath() {
        String path = getString(RULES_PATH).trim();
        return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** The state directory, {@code ~} expanded. */
    public Path stateDir() {
        String dir = getString(STATE_DIR).trim();
        return dir.equals("~") || dir.startsWith("~/") ? Path.of(System.getProperty("user.home") + dir.substring(1)) : Path.of(dir);
    }

    public List<String> rawTopics() {
        return getList(RAW_TOPICS);
    }

    /** The raw-topic pattern, when one is configured (it then replaces {@link #rawTopics()}). */
    public Optional<Pattern> rawTopicPattern() {
        String pattern = getString(RAW_TOPIC_PATTERN).trim();
        return pattern.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(pattern));
    }

    public String skuTopic() {
        return getString(SKU_TOPIC);
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC);
    }

    public BigDecimal priceMax() {
        return new BigDecimal(getString(PRICE_MAX).trim());
    }

    public StreamThreadExceptionResponse uncaughtExceptionResponse() {
        return StreamThreadExceptionResponse.valueOf(getString(UNCAUGHT_EXCEPTION_RESPONSE).toUpperCase(Locale.ROOT));
    }

    /** The Kafka Streams properties this configuration implies (exactly-once v2 always), with the Kafka client overrides. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_THREADS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, getInt(REPLICATION_FACTOR));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), getInt(PRODUCER_BATCH_SIZE_BYTES));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), getString(PRODUCER_COMPRESSION_TYPE).toLowerCase(Locale.ROOT));
        // The raw topics are merged and the prices of different CSPs never interact (keys, state and retirement scans are
        // per CSP), so a task need not wait for an empty partition to be fetched to keep cross-topic timestamp order.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // While its tasks restore, a stream thread polls its paused input for poll.ms before it looks whether they are
        // ready: at Kafka's 100 ms a fresh app (a replay) started processing ~450 ms after start, at 10 ms ~250 ms.
        // Polls return at once while there is input, so this only changes how long an idle thread sleeps.
        // streams.kafka.poll.ms overrides it.
        props.put(StreamsConfig.POLL_MS_CONFIG, 10L);
        // TLS, SASL and other client settings for every internal client (producer, consumers, admin)
        return kafkaOverrides().applyTo(props);
    }

    private static ConfigDef.Validator nonEmptyList() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value instanceof List<?> list && (list.isEmpty() || list.stream().anyMatch(v -> String.valueOf(v).isBlank()))) {
                    throw new ConfigException(name, value, "must name at least one topic and no blank ones");
                }
            }

            @Override
            public String toString() {
                return "a non-empty list of topic names";
            }
        };
    }

    private static ConfigDef.Validator regex() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    Pattern.compile(String.valueOf(value));
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, value, "not a valid regex: " + e.getDescription());
                }
            }

            @Override
            public String toString() {
                return "a Java regex";
            }
        };
    }

    private static ConfigDef.Validator positiveDecimal() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    if (new BigDecimal(String.valueOf(value).trim()).signum() <= 0) {
                        throw new ConfigException(name, value, "must be a positive decimal");
                    }
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, value, "must be a positive decimal");
                }
            }

            @Override
            public String toString() {
                return "a positive decimal";
            }
        };
    }
}
