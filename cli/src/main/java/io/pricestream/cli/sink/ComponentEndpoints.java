package io.pricestream.cli.sink;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.Endpoints;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.localstack.LocalStack;
import io.pricestream.localstack.LocalStackConfig;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.InvalidConfigException;
import io.pricestream.schemas.registry.SchemaRegistryConfig;

/**
 * Where a component verb's Kafka, Schema Registry and PostgreSQL are, resolved the way {@code scrape} and
 * {@code db migrate} do it: the component's own key ({@code sink.jdbc.url}) wins, else the shared one
 * ({@code jdbc.url}); with none of them set, the local stack is started on its data dir for the duration of
 * the verb and its endpoints are used. Setting some endpoints but not all is refused: a verb half on the
 * local stack and half elsewhere would be a silent mistake.
 *
 * <p>Shared by the component verbs ({@code streams}, {@code sink}, {@code cdc}, {@code watch}, {@code rules
 * check}, {@code export}, {@code price}). Close it to stop a local stack it started.
 */
public final class ComponentEndpoints implements AutoCloseable {

    /** What a component connects to, and the shared key that stands in for its own. */
    public enum Role {
        KAFKA(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS, true),
        REGISTRY(SchemaRegistryConfig.URL, true),
        JDBC_URL(EndpointsConfig.JDBC_URL, true),
        JDBC_USER(EndpointsConfig.JDBC_USER, false),
        JDBC_PASSWORD(EndpointsConfig.JDBC_PASSWORD, false);

        private final String sharedKey;
        private final boolean address;

        Role(String sharedKey, boolean address) {
            this.sharedKey = sharedKey;
            this.address = address;
        }
    }

    private final Map<String, String> settings;
    private final LocalStack stack;

    private ComponentEndpoints(Map<String, String> settings, LocalStack stack) {
        this.settings = settings;
        this.stack = stack;
    }

    /**
     * Validates {@code definition} (every problem at once, except the endpoint keys the local stack will
     * fill), then fills the component's endpoint keys and records them in {@code endpoints} for error messages.
     *
     * @param keys the component's key for each role it uses, e.g. {@code KAFKA -> sink.bootstrap.servers}
     */
    public static ComponentEndpoints resolve(LoadedConfig loaded, ConfigDef definition, Map<Role, String> keys, Endpoints endpoints) {
        Map<String, String> settings = new LinkedHashMap<>(loaded.values());
        Map<Role, String> roles = new EnumMap<>(keys);
        roles.forEach((role, key) -> {
            String shared = settings.get(role.sharedKey);
            if (shared != null && !settings.containsKey(key)) {
                settings.put(key, shared);
            }
        });
        List<Role> missing = roles.keySet().stream().filter(role -> role.address && !settings.containsKey(roles.get(role))).toList();
        boolean localStack = missing.size() == roles.keySet().stream().filter(role -> role.address).count();
        if (!missing.isEmpty() && !localStack) {
            List<String> names = new ArrayList<>();
            missing.forEach(role -> names.add(roles.get(role) + " (or " + role.sharedKey + ")"));
            throw new ConfigException("Set " + String.join(" and ", names)
                    + " as well, or none of the endpoints to use the local stack");
        }
        List<InvalidConfigException.Problem> problems = new ArrayList<>();
        collect(problems, EndpointsConfig.CONFIG_DEF, settings, Set.of());
        collect(problems, definition, settings, localStack ? Set.copyOf(roles.values()) : Set.of());
        if (localStack) {
            collect(problems, LocalStackConfig.CONFIG_DEF, settings, Set.of());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        LocalStack stack = null;
        if (localStack) {
            stack = LocalStack.start(ConfigOptions.typed(new LoadedConfig(settings, Map.of(), Optional.empty(), List.of()),
                    "local stack", LocalStackConfig::new));
            fill(settings, roles, Role.KAFKA, stack.bootstrapServers());
            fill(settings, roles, Role.REGISTRY, stack.schemaRegistryUrl());
            fill(settings, roles, Role.JDBC_URL, stack.jdbcUrl());
            fill(settings, roles, Role.JDBC_USER, stack.jdbcUser());
            fill(settings, roles, Role.JDBC_PASSWORD, stack.jdbcPassword());
        }
        record(endpoints, roles, settings);
        return new ComponentEndpoints(settings, stack);
    }

    /** The merged settings with the component's endpoint keys filled in: the input of its typed config. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The local stack this verb started, if no endpoint was configured. */
    public Optional<LocalStack> localStack() {
        return Optional.ofNullable(stack);
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }

    private static void fill(Map<String, String> settings, Map<Role, String> roles, Role role, String value) {
        String key = roles.get(role);
        if (key != null && value != null) {
            settings.put(key, value);
        }
    }

    private static void record(Endpoints endpoints, Map<Role, String> roles, Map<String, String> settings) {
        Optional.ofNullable(roles.get(Role.KAFKA)).map(settings::get).ifPresent(v -> endpoints.record(EndpointKind.KAFKA, v));
        Optional.ofNullable(roles.get(Role.REGISTRY)).map(settings::get).ifPresent(v -> endpoints.record(EndpointKind.SCHEMA_REGISTRY, v));
        Optional.ofNullable(roles.get(Role.JDBC_URL)).map(settings::get)
                .ifPresent(v -> endpoints.record(EndpointKind.POSTGRES, PriceSchemaMigrator.maskedUrl(v)));
    }

    /** Problems of {@code definition}, leaving out "missing" for keys the local stack fills in later. */
    private static void collect(List<InvalidConfigException.Problem> into, ConfigDef definition, Map<String, String> settings,
                                Set<String> filledLater) {
        try {
            ComponentConfig.checked(definition, settings);
        } catch (InvalidConfigException e) {
            e.problems().stream().filter(p -> !(filledLater.contains(p.key()) && p.value() == null)).forEach(into::add);
        }
    }

    /** The component's key for each role, for {@link #resolve}; null keys are left out. */
    public static Map<Role, String> keys(String kafka, String registry, String jdbcUrl, String jdbcUser, String jdbcPassword) {
        Map<Role, String> keys = new EnumMap<>(Role.class);
        putIfPresent(keys, Role.KAFKA, kafka);
        putIfPresent(keys, Role.REGISTRY, registry);
        putIfPresent(keys, Role.JDBC_URL, jdbcUrl);
        putIfPresent(keys, Role.JDBC_USER, jdbcUser);
        putIfPresent(keys, Role.JDBC_PASSWORD, jdbcPassword);
        return keys;
    }

    private static void putIfPresent(Map<Role, String> keys, Role role, String key) {
        if (key != null) {
            keys.put(role, Objects.requireNonNull(key));
        }
    }
}
