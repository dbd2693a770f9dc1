package io.pricestream.schemas.registry;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.pricestream.schemas.config.ComponentConfig;

/**
 * Settings of the Schema Registry client and of the Avro serdes, under Confluent's key names so the same
 * map configures a Confluent serde or ours ({@code schema.registry.url}, {@code auto.register.schemas},
 * {@code basic.auth.user.info}). Unknown keys are ignored: serdes are handed the whole Kafka client config.
 */
public final class SchemaRegistryConfig extends ComponentConfig {

    public static final String URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(URL, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new HttpUrls(), ConfigDef.Importance.HIGH,
                    "Comma-separated base URLs of the Schema Registry (e.g. http://127.0.0.1:8081); tried in order when one cannot be reached.")
            .define(AUTO_REGISTER_SCHEMAS, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether serializers register their writer schema; when false the schema must already be registered under the subject.")
            .define(BASIC_AUTH_USER_INFO, ConfigDef.Type.PASSWORD, null, new UserInfo(), ConfigDef.Importance.MEDIUM,
                    "HTTP basic auth credentials for the registry as user:password; unset means no authentication.")
            .define(REQUEST_TIMEOUT_MS, ConfigDef.Type.INT, 30_000, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                    "How long one request to the registry, connecting included, may take before it counts as unreachable.");

    public SchemaRegistryConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public List<URI> urls() {
        return getList(URL).stream().map(String::trim).map(URI::create).toList();
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** {@code user:password}, if set. */
    public Optional<String> basicAuthUserInfo() {
        Password password = getPassword(BASIC_AUTH_USER_INFO);
        return password == null ? Optional.empty() : Optional.of(password.value());
    }

    public int requestTimeoutMs() {
        return getInt(REQUEST_TIMEOUT_MS);
    }

    /**
     * The registry client settings of one component: the URL from {@code urlKey} and the credentials from
     * {@code userInfoKey} ({@code sink.schema.registry.basic.auth.user.info}) or, when that is unset, from the
     * shared {@value #BASIC_AUTH_USER_INFO}; {@value #REQUEST_TIMEOUT_MS} and {@value #AUTO_REGISTER_SCHEMAS} are
     * the shared keys.
     *
     * @param settings the component's raw settings (its config's originals)
     */
    public static SchemaRegistryConfig forComponent(Map<String, ?> settings, String urlKey, String userInfoKey) {
        Object userInfo = settings.get(userInfoKey);
        return of(settings.get(urlKey), userInfo != null ? userInfo : settings.get(BASIC_AUTH_USER_INFO), settings);
    }

    /**
     * The registry client settings for {@code url} (e.g. a resolved endpoint) with the shared keys of {@code settings}:
     * {@value #BASIC_AUTH_USER_INFO}, {@value #REQUEST_TIMEOUT_MS}, {@value #AUTO_REGISTER_SCHEMAS}.
     */
    public static SchemaRegistryConfig forUrl(String url, Map<String, ?> settings) {
        return of(url, settings.get(BASIC_AUTH_USER_INFO), settings);
    }

    private static SchemaRegistryConfig of(Object url, Object userInfo, Map<String, ?> settings) {
        Map<String, Object> registry = new HashMap<>();
        putIfSet(registry, URL, url);
        putIfSet(registry, BASIC_AUTH_USER_INFO, userInfo);
        putIfSet(registry, REQUEST_TIMEOUT_MS, settings.get(REQUEST_TIMEOUT_MS));
        putIfSet(registry, AUTO_REGISTER_SCHEMAS, settings.get(AUTO_REGISTER_SCHEMAS));
        return new SchemaRegistryConfig(registry);
    }

    /** The validator of {@value #BASIC_AUTH_USER_INFO}, for components that declare their own user-info key. */
    public static ConfigDef.Validator userInfoValidator() {
        return new UserInfo();
    }

    private static void putIfSet(Map<String, Object> into, String key, Object value) {
        if (value != null) {
            into.put(key, value);
        }
    }

    /**
     * Reads only {@code auto.register.schemas} from a map that may lack the URL (a serde handed a ready
     * client still honours this key).
     */
    public static boolean autoRegisterSchemas(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || (Boolean) ConfigDef.parseType(AUTO_REGISTER_SCHEMAS, value, ConfigDef.Type.BOOLEAN);
    }

    /** Accepts only absolute http(s) URLs with a host. */
    private static final class HttpUrls implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) value;
            if (urls == null) {
                return; // ConfigDef itself reports the missing required key
            }
            if (urls.isEmpty()) {
                throw new ConfigException(name, value, "at least one URL is required");
            }
            for (String url : urls) {
                try {
                    URI uri = URI.create(url.trim());
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw new ConfigException(name, url, "not an http(s) URL with a host");
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, url, "not a URL: " + e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "http(s) URLs";
        }
    }

    /** user:password with a non-empty user; never echoes the value. */
    private static final class UserInfo implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            String text = ((Password) value).value();
            if (text.indexOf(':') < 1) {
                throw new ConfigException(name, Password.HIDDEN, "expected user:password");
            }
        }

        @Override
        public String toString() {
            return "user:password";
        }
    }
}
