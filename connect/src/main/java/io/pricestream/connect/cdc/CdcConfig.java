package io.pricestream.connect.cdc;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.KafkaClientScope;
import io.pricestream.schemas.registry.SchemaRegistryConfig;

/**
 * Configuration of the CDC publisher ({@link PriceChangePublisher}): which database and replication slot
 * to read, where to publish the events and where Debezium keeps its offsets. Every key is declared once in
 * {@link #CONFIG_DEF}; the README table is generated from it.
 */
public final class CdcConfig extends ComponentConfig {

    public static final String BOOTSTRAP_SERVERS = "cdc.bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "cdc.schema.registry.url";
    public static final String SCHEMA_REGISTRY_USER_INFO = "cdc.schema.registry.basic.auth.user.info";
    public static final String JDBC_URL = "cdc.jdbc.url";
    public static final String JDBC_USER = "cdc.jdbc.user";
    public static final String JDBC_PASSWORD = "cdc.jdbc.password";
    public static final String SLOT_NAME = "cdc.slot.name";
    public static final String PUBLICATION_NAME = "cdc.publication.name";
    public static final String TOPIC = "cdc.topic";
    public static final String TOPIC_PARTITIONS = "cdc.topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "cdc.topic.replication.factor";
    public static final String OFFSET_TOPIC = "cdc.offset.topic";
    public static final String OFFSET_TOPIC_PARTITIONS = "cdc.offset.topic.partitions";
    public static final String OFFSET_TOPIC_REPLICATION_FACTOR = "cdc.offset.topic.replication.factor";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "cdc.offset.flush.interval.ms";
    public static final String POLL_INTERVAL_MS = "cdc.poll.interval.ms";
    public static final String HEARTBEAT_INTERVAL_MS = "cdc.heartbeat.interval.ms";

    /** Replication slot and publication names are PostgreSQL identifiers; slots allow only these characters. */
    private static final String IDENTIFIER = "[a-z0-9_]{1,63}";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka brokers to publish change events to and to keep Debezium's offsets on, host:port[,host:port...].")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Schema Registry the PriceKey / PriceChanged schemas are registered in (Confluent wire format).")
            .define(SCHEMA_REGISTRY_USER_INFO, Type.PASSWORD, null, SchemaRegistryConfig.userInfoValidator(), Importance.MEDIUM,
                    "HTTP basic auth credentials for the Schema Registry as user:password; unset means basic.auth.user.info "
                            + "(and no authentication when that is unset too).")
            .define(JDBC_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(), Importance.HIGH,
                    "JDBC URL of the PostgreSQL database holding api_price.infra_price, jdbc:postgresql://host[:port]/db. "
                            + "Host, port, database and the TLS parameters (sslmode, sslrootcert, sslcert, sslkey, sslpassword, "
                            + "sslfactory) are passed to Debezium; the server needs wal_level=logical.")
            .define(JDBC_USER, Type.STRING, "", Importance.HIGH,
                    "Database user; needs the REPLICATION attribute and may need to create the publication.")
            .define(JDBC_PASSWORD, Type.PASSWORD, "", Importance.HIGH, "Database password.")
            .define(SLOT_NAME, Type.STRING, "pricestream_prices", ConfigDef.LambdaValidator.with(CdcConfig::checkIdentifier,
                            () -> IDENTIFIER), Importance.MEDIUM,
                    "Logical replication slot (pgoutput) the publisher reads. It holds WAL while the publisher is down: "
                            + "drop it with `pricestream cdc --drop-slot` when retiring the publisher.")
            .define(PUBLICATION_NAME, Type.STRING, "pricestream_prices", ConfigDef.LambdaValidator.with(CdcConfig::checkIdentifier,
                            () -> IDENTIFIER), Importance.MEDIUM,
                    "Publication limited to api_price.infra_price; created by Debezium when missing.")
            .define(TOPIC, Type.STRING, Topics.CHANGES, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic of price-change events (PriceKey -> PriceChanged).")
            .define(TOPIC_PARTITIONS, Type.INT, -1, partitionsOrBrokerDefault(), Importance.LOW,
                    "Partitions of the events topic when the publisher creates it; -1 = the broker's num.partitions.")
            .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) -1, partitionsOrBrokerDefault(), Importance.LOW,
                    "Replication factor of the events topic when the publisher creates it; -1 = the broker's "
                            + "default.replication.factor.")
            .define(OFFSET_TOPIC, Type.STRING, "pricestream-cdc-offsets", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Compacted topic where Debezium stores how far it has published (its source offset, the WAL position).")
            .define(OFFSET_TOPIC_PARTITIONS, Type.INT, 1, Range.atLeast(1), Importance.LOW,
                    "Partitions of the offset topic when it is created.")
            .define(OFFSET_TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) 1, Range.atLeast(1), Importance.LOW,
                    "Replication factor of the offset topic when it is created; use 3 on a production cluster.")
            .define(OFFSET_FLUSH_INTERVAL_MS, Type.LONG, 1000L, Range.between(0, 3_600_000), Importance.LOW,
                    "How often published positions are written to the offset topic (and confirmed to the slot). "
                            + "Events published after the last flush are published again after a crash.")
            .define(POLL_INTERVAL_MS, Type.LONG, 50L, Range.between(1, 60_000), Importance.LOW,
                    "How long Debezium waits for new changes before handing over a batch (Debezium poll.interval.ms). "
                            + "Bounds the change-to-event latency.")
            .define(HEARTBEAT_INTERVAL_MS, Type.LONG, 10_000L, Range.between(0, 3_600_000), Importance.LOW,
                    "Debezium heartbeat interval; lets the slot advance past WAL of other tables while infra_price is "
                            + "quiet. 0 disables.");

    /**
     * The CDC publisher's Kafka clients (the events producer, the topic admin and the Debezium offset store) take
     * {@code kafka.*} and {@code cdc.kafka.*}; the engine's own properties stay with the publisher.
     */
    public static final KafkaClientScope KAFKA_SCOPE = kafkaScope();

    public CdcConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, KAFKA_SCOPE);
    }

    private static KafkaClientScope kafkaScope() {
        KafkaClientScope scope = KafkaClientScope.of("cdc");
        for (String property : EngineProperties.OWNED) {
            scope = scope.owning(property, "a Debezium engine property the CDC publisher sets from its cdc.* keys");
        }
        return scope;
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

    public String jdbcUrl() {
        return getString(JDBC_URL);
    }

    /** Host, port and database of {@link #jdbcUrl()}. */
    public PostgresAddress database() {
        return PostgresAddress.parse(jdbcUrl());
    }

    public String jdbcUser() {
        return getString(JDBC_USER);
    }

    public String jdbcPassword() {
        Password password = getPassword(JDBC_PASSWORD);
        return password == null ? "" : password.value();
    }

    public String slotName() {
        return getString(SLOT_NAME);
    }

    public String publicationName() {
        return getString(PUBLICATION_NAME);
    }

    public String topic() {
        return getString(TOPIC);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    public short topicReplicationFactor() {
        return getShort(TOPIC_REPLICATION_FACTOR);
    }

    public String offsetTopic() {
        return getString(OFFSET_TOPIC);
    }

    public int offsetTopicPartitions() {
        return getInt(OFFSET_TOPIC_PARTITIONS);
    }

    public short offsetTopicReplicationFactor() {
        return getShort(OFFSET_TOPIC_REPLICATION_FACTOR);
    }

    public Duration offsetFlushInterval() {
        return Duration.ofMillis(getLong(OFFSET_FLUSH_INTERVAL_MS));
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public Duration heartbeatInterval() {
        return Duration.ofMillis(getLong(HEARTBEAT_INTERVAL_MS));
    }

    private static void checkIdentifier(String name, Object value) {
        if (value == null || !String.valueOf(value).matches(IDENTIFIER)) {
            throw new ConfigException(name, value, "must be 1-63 characters of lower-case letters, digits and underscores");
        }
    }

    /** -1 (broker default) or a positive count. */
    private static ConfigDef.Validator partitionsOrBrokerDefault() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            long number = ((Number) value).longValue();
            if (number != -1 && number < 1) {
                throw new ConfigException(name, value, "must be -1 (broker default) or at least 1");
            }
        }, () -> "-1 or [1,...]");
    }

    /** Accepts only URLs {@link PostgresAddress#parse} understands, so a bad URL fails with the other problems. */
    private static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                PostgresAddress.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "jdbc:postgresql://host[:port]/database";
        }
    }
}
