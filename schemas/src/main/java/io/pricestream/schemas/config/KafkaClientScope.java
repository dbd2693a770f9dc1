package io.pricestream.schemas.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Whose Kafka client overrides are read, and which client properties the component keeps for itself.
 *
 * <p>A component named {@code sink} reads the shared {@code kafka.*} settings and its own {@code sink.kafka.*}
 * (see {@link KafkaClientOverrides}); the shared scope ({@link #shared()}, used by the CLI's own admin and
 * consumer clients) reads only {@code kafka.*}. An owned property may not be overridden: the component sets it
 * because its guarantees or its wire format depend on it, or because it has its own key.
 *
 * @param component the component's key prefix without the dot ({@code sink}), or empty for the shared scope
 * @param owned     owned client property → why it may not be overridden
 */
public record KafkaClientScope(Optional<String> component, Map<String, String> owned) {

    /** The prefix of the settings every component passes to its Kafka clients. */
    public static final String SHARED_PREFIX = "kafka.";

    /** The shared pricestream key of the bootstrap servers; it starts with {@link #SHARED_PREFIX} but is no pass-through. */
    public static final String SHARED_BOOTSTRAP_SERVERS_KEY = "kafka.bootstrap.servers";

    private static final String SERDES = "pricestream's serdes write and read the Confluent wire format";

    public KafkaClientScope {
        owned = Collections.unmodifiableMap(new LinkedHashMap<>(owned));
    }

    /** Only {@code kafka.*}: for clients that belong to no single component. */
    public static KafkaClientScope shared() {
        return new KafkaClientScope(Optional.empty(), commonOwned(SHARED_BOOTSTRAP_SERVERS_KEY));
    }

    /**
     * {@code kafka.*} and {@code <component>.kafka.*}, the latter winning. Owns the bootstrap servers
     * ({@code <component>.bootstrap.servers}), the (de)serializers, and the exactly-once and idempotence
     * settings every pricestream client depends on; add the component's own with {@link #owning}.
     */
    public static KafkaClientScope of(String component) {
        return new KafkaClientScope(Optional.of(component),
                commonOwned(component + ".bootstrap.servers (or " + SHARED_BOOTSTRAP_SERVERS_KEY + ")"));
    }

    /** This scope, also owning {@code property} for {@code reason}. */
    public KafkaClientScope owning(String property, String reason) {
        Map<String, String> more = new LinkedHashMap<>(owned);
        more.put(property, reason);
        return new KafkaClientScope(component, more);
    }

    /** {@code <component>.kafka.}, if this scope belongs to a component. */
    public Optional<String> componentPrefix() {
        return component.map(name -> name + "." + SHARED_PREFIX);
    }

    private static Map<String, String> commonOwned(String bootstrapKey) {
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "has its own key: " + bootstrapKey);
        owned.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, SERDES);
        owned.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SERDES);
        owned.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, SERDES);
        owned.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SERDES);
        owned.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "producers are idempotent so a retried send never duplicates or reorders a key");
        owned.put(ProducerConfig.ACKS_CONFIG, "producers write with acks=all (required by idempotence)");
        owned.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "transactions are managed by the component (Kafka Streams exactly_once_v2)");
        owned.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "consumers read only committed records (read_committed) where they rely on it");
        owned.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "offsets are committed by the component (the sink stores them with the rows)");
        return owned;
    }
}
