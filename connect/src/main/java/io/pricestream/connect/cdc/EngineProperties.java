package io.pricestream.connect.cdc;

import java.util.List;
import java.util.Properties;

/**
 * The Debezium embedded-engine and PostgreSQL-connector properties for a {@link CdcConfig}: one place that
 * says how the connector is run, so the publisher and its tests agree.
 */
final class EngineProperties {

    static final String TABLE = "api_price.infra_price";
    static final String KAFKA_OFFSET_STORE = "org.apache.kafka.connect.storage.KafkaOffsetBackingStore";

    /**
     * Every property {@link #from} sets besides the Kafka client ones: the CDC publisher owns them, so a Kafka client
     * override ({@code kafka.*}, {@code cdc.kafka.*}) may not replace them.
     */
    static final List<String> OWNED = List.of("name", "connector.class", "plugin.name", "database.hostname", "database.port",
            "database.dbname", "database.user", "database.password", "topic.prefix", "slot.name", "publication.name",
            "publication.autocreate.mode", "schema.include.list", "table.include.list", "snapshot.mode", "decimal.handling.mode",
            "poll.interval.ms", "heartbeat.interval.ms", "tombstones.on.delete", "offset.storage", "offset.storage.topic",
            "offset.storage.partitions", "offset.storage.replication.factor", "offset.flush.interval.ms");

    private EngineProperties() {
    }

    static Properties from(CdcConfig config) {
        PostgresAddress database = config.database();
        Properties props = new Properties();
        // Worker-level client settings: the Kafka offset store's producer, consumer and admin read them from the
        // top level, like a Connect worker's internal-topic clients. Set first: none of the keys below may be overridden.
        config.kafkaOverrides().applyTo(props);
        // The engine name is the key of the stored offset: one per slot, so two publishers on different slots
        // never read each other's positions even when they share the offset topic.
        props.setProperty("name", "pricestream-cdc-" + config.slotName());
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("database.hostname", database.host());
        props.setProperty("database.port", Integer.toString(database.port()));
        props.setProperty("database.dbname", database.database());
        props.setProperty("database.user", config.jdbcUser());
        props.setProperty("database.password", config.jdbcPassword());
        PostgresTls.debeziumProperties(config.jdbcUrl()).forEach(props::setProperty);
        // Debezium names its own topics from this prefix; we publish PriceChanged ourselves, so it only
        // appears in the heartbeat topic name and logs.
        props.setProperty("topic.prefix", "pricestream");
        props.setProperty("slot.name", config.slotName());
        props.setProperty("publication.name", config.publicationName());
        // filtered: the publication Debezium creates covers only the included table, so other tables'
        // changes (history, sink offsets) are never decoded and sent.
        props.setProperty("publication.autocreate.mode", "filtered");
        props.setProperty("schema.include.list", "api_price");
        props.setProperty("table.include.list", TABLE);
        // Only changes after the slot exists: the current table content is the state, not a change.
        props.setProperty("snapshot.mode", "no_data");
        // numeric(38,12) → BigDecimal: prices stay exact end to end.
        props.setProperty("decimal.handling.mode", "precise");
        props.setProperty("poll.interval.ms", Long.toString(config.pollInterval().toMillis()));
        props.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
        // A DELETE is published as RETIRED; Kafka-style tombstones would be null values on prices.changes.
        props.setProperty("tombstones.on.delete", "false");
        props.setProperty("offset.storage", KAFKA_OFFSET_STORE);
        props.setProperty("bootstrap.servers", config.bootstrapServers());
        props.setProperty("offset.storage.topic", config.offsetTopic());
        props.setProperty("offset.storage.partitions", Integer.toString(config.offsetTopicPartitions()));
        props.setProperty("offset.storage.replication.factor", Short.toString(config.offsetTopicReplicationFactor()));
        props.setProperty("offset.flush.interval.ms", Long.toString(config.offsetFlushInterval().toMillis()));
        return props;
    }
}
