package io.pricestream.connect.sink;

import java.time.Duration;
import java.util.Map;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.KafkaClientScope;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the JDBC sink ({@link PriceSink}): where to read, where to write, how big a batch
 * may grow and how long database failures are retried. Every key is declared once in
 * {@link #CONFIG_DEF}; the README table is generated from it.
 */
public final class SinkConfig extends ComponentConfig {

    public static final String BOOTSTRAP_SERVERS = "sink.bootstrap.servers";
    public static final String GROUP_ID = "sink.group.id";
    public static final String TOPIC = "sink.topic";
    public static final String DLQ_TOPIC = "sink.dlq.topic";
    public static final String JDBC_URL = "sink.jdbc.url";
    public static final String JDBC_USER = "sink.jdbc.user";
    public static final String JDBC_PASSWORD = "sink.jdbc.password";
    public static final String SCHEMA_REGISTRY_URL = "sink.schema.registry.url";
    public static final String SCHEMA_REGISTRY_USER_INFO = "sink.schema.registry.basic.auth.user.info";
    public static final String BATCH_MAX_RECORDS = "sink.batch.max.records";
    public static final String BATCH_MAX_WAIT_MS = "sink.batch.max.wait.ms";
    public static final String SESSION_TIMEOUT_MS = "sink.session.timeout.ms";
    public static final String RETRY_MAX_ATTEMPTS = "sink.retry.max.attempts";
    public static final String RETRY_INITIAL_BACKOFF_MS = "sink.retry.initial.backoff.ms";
    public static final String RETRY_MAX_BACKOFF_MS = "sink.retry.max.backoff.ms";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka brokers to read prices from, host:port[,host:port...].")
            .define(GROUP_ID, Type.STRING, "pricestream-sink", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Consumer group of the sink instances; also the key of the offsets stored in api_price.sink_offsets.")
            .define(TOPIC, Type.STRING, Topics.SKU, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic of current prices (PriceKey -> SkuPrice) the sink writes to the database.")
            .define(DLQ_TOPIC, Type.STRING, Topics.DLQ, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic that receives records the sink cannot decode or store, with error headers.")
            .define(JDBC_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "JDBC URL of the PostgreSQL database holding the api_price schema.")
            .define(JDBC_USER, Type.STRING, "", Importance.HIGH, "Database user.")
            .define(JDBC_PASSWORD, Type.PASSWORD, "", Importance.HIGH, "Database password.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Schema Registry that resolves the writer schemas of the records read.")
            .define(SCHEMA_REGISTRY_USER_INFO, Type.PASSWORD, null, SchemaRegistryConfig.userInfoValidator(), Importance.MEDIUM,
                    "HTTP basic auth credentials for the Schema Registry as user:password; unset means basic.auth.user.info "
                            + "(and no authentication when that is unset too).")
            .define(BATCH_MAX_RECORDS, Type.INT, 5000, Range.between(1, 1_000_000), Importance.MEDIUM,
                    "A batch is written as soon as it holds this many records.")
            .define(BATCH_MAX_WAIT_MS, Type.LONG, 500L, Range.between(1, 3_600_000), Importance.MEDIUM,
                    "A batch is written at the latest this long after its first record was read.")
            .define(SESSION_TIMEOUT_MS, Type.INT, 45_000, Range.between(1_000, 3_600_000), Importance.LOW,
                    "How long the group waits for a silent sink instance before its partitions move to the others "
                            + "(Kafka session.timeout.ms; the broker bounds it by group.min/max.session.timeout.ms).")
            .define(RETRY_MAX_ATTEMPTS, Type.INT, 10, Range.between(1, 1000), Importance.LOW,
                    "Attempts at writing one batch when the database fails transiently (connection lost, restart, "
                            + "serialisation failure) before the sink stops.")
            .define(RETRY_INITIAL_BACKOFF_MS, Type.LONG, 200L, Range.between(1, 600_000), Importance.LOW,
                    "Wait before the first retry; doubles on every further retry.")
            .define(RETRY_MAX_BACKOFF_MS, Type.LONG, 10_000L, Range.between(1, 3_600_000), Importance.LOW,
                    "Longest wait between two retries.");

    /**
     * The sink's Kafka clients take {@code kafka.*} and {@code sink.kafka.*}. The consumer's group, offset reset and
     * session timeout stay with the sink: its offsets live in the database and it must read from the start.
     */
    public static final KafkaClientScope KAFKA_SCOPE = KafkaClientScope.of("sink")
            .owning(ConsumerConfig.GROUP_ID_CONFIG, "has its own key: " + GROUP_ID)
            .owning(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "the sink seeks to the offsets stored with the rows, else the earliest")
            .owning(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "has its own key: " + SESSION_TIMEOUT_MS);

    public SinkConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, KAFKA_SCOPE);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public String groupId() {
        return getString(GROUP_ID);
    }

    public String topic() {
        return getString(TOPIC);
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC);
    }

    public String jdbcUrl() {
        return getString(JDBC_URL);
    }

    public String jdbcUser() {
        return getString(JDBC_USER);
    }

    public String jdbcPassword() {
        Password password = getPassword(JDBC_PASSWORD);
        return password == null ? "" : password.value();
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    /** The registry client settings: {@link #SCHEMA_REGISTRY_URL} with its credentials. */
    public SchemaRegistryConfig schemaRegistry() {
        return SchemaRegistryConfig.forComponent(originals(), SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER_INFO);
    }

    public int batchMaxRecords() {
        return getInt(BATCH_MAX_RECORDS);
    }

    public Duration batchMaxWait() {
        return Duration.ofMillis(getLong(BATCH_MAX_WAIT_MS));
    }

    public int sessionTimeoutMs() {
        return getInt(SESSION_TIMEOUT_MS);
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS);
    }

    public Duration retryInitialBackoff() {
        return Duration.ofMillis(getLong(RETRY_INITIAL_BACKOFF_MS));
    }

    public Duration retryMaxBackoff() {
        return Duration.ofMillis(getLong(RETRY_MAX_BACKOFF_MS));
    }
}
