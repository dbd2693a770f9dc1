package io.pricestream.schemas.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Decides which Kafka client properties hold secrets, so their values are never logged or echoed in errors.
 *
 * <p>A property is secret when any Kafka client declares it as a {@link ConfigDef.Type#PASSWORD}
 * ({@code sasl.jaas.config}, {@code ssl.truststore.password}, {@code ssl.keystore.key}, ...), or when its name
 * looks like one ({@code password}, {@code secret}, {@code jaas}, {@code credential}, {@code user.info}): pass-through
 * properties may belong to plugins (login callback handlers, config providers) that Kafka does not declare.
 */
public final class SecretProperties {

    private static final Set<String> DECLARED_PASSWORDS = declaredPasswords();
    private static final Pattern SECRET_NAME = Pattern.compile(".*(password|secret|jaas|credential|user\\.info).*");

    private SecretProperties() {
    }

    /** True when the value of {@code property} (a Kafka client property name, no pricestream prefix) is a secret. */
    public static boolean isSecret(String property) {
        String name = property.toLowerCase(Locale.ROOT);
        return DECLARED_PASSWORDS.contains(name) || SECRET_NAME.matcher(name).matches();
    }

    /** {@code value} as it may be shown for {@code property}: {@value Password#HIDDEN} for secrets. */
    public static String shown(String property, Object value) {
        return isSecret(property) ? Password.HIDDEN : String.valueOf(value);
    }

    private static Set<String> declaredPasswords() {
        Set<String> names = new HashSet<>();
        for (ConfigDef definition : new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef()}) {
            definition.configKeys().values().stream()
                    .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                    .forEach(key -> names.add(key.name));
        }
        return Set.copyOf(names);
    }
}
