package io.pricestream.localstack.testing;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;

/**
 * The one place integration tests get their Kafka, Schema Registry and PostgreSQL from:
 * {@code ItEnvironment.get()}. The provider is chosen by the system property {@value #PROPERTY} (else the
 * environment variable {@value #ENV_VARIABLE}): {@code embedded} (default, the JVM's {@link SharedLocalStack})
 * or {@code containers} (Testcontainers on the images of {@code docker-compose.yml}).
 *
 * <p>The container provider is loaded by name only when selected: Testcontainers is an optional dependency
 * of this module, so it reaches neither the runnable jar nor a module's tests unless that module declares
 * {@code org.testcontainers:testcontainers}, {@code kafka} and {@code postgresql} as test dependencies.
 */
public final class ItEnvironment {

    public static final String PROPERTY = "pricestream.it";
    public static final String ENV_VARIABLE = "PRICESTREAM_IT";

    private static final String CONTAINERS_CLASS = "io.pricestream.localstack.testing.ContainersEnvironment";
    private static final String TESTCONTAINERS_PROBE = "org.testcontainers.DockerClientFactory";
    private static final List<String> PROVIDERS = List.of(EmbeddedEnvironment.NAME, ContainersEnvironment.NAME);

    private ItEnvironment() {
    }

    /** The selected provider's shared environment, started on first use. */
    public static PipelineEnvironment get() {
        String provider = selected(System.getProperty(PROPERTY), System.getenv(ENV_VARIABLE));
        return provider.equals(ContainersEnvironment.NAME) ? containers() : embedded();
    }

    /** The embedded local stack, whatever is selected: for tests written for one provider. */
    public static PipelineEnvironment embedded() {
        return EmbeddedEnvironment.shared();
    }

    /**
     * The Testcontainers stack, whatever is selected; aborts the calling test (skipped, with a message) when
     * no Docker engine is found, and fails when Testcontainers is not on the test classpath.
     */
    public static PipelineEnvironment containers() {
        try {
            Class.forName(TESTCONTAINERS_PROBE, false, ItEnvironment.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(PROPERTY + "=containers needs Testcontainers on this module's test classpath: "
                    + "add org.testcontainers:testcontainers, org.testcontainers:kafka and org.testcontainers:postgresql "
                    + "(test scope, versions managed by the parent pom) to its pom.xml", e);
        }
        try {
            return (PipelineEnvironment) Class.forName(CONTAINERS_CLASS).getMethod("shared").invoke(null);
        } catch (InvocationTargetException e) {
            // Keep the provider's own exception: JUnit reports an abort as skipped only if it sees it unwrapped.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Could not start the container environment", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not load " + CONTAINERS_CLASS, e);
        }
    }

    /**
     * The provider named by the system property, else by the environment variable, else {@code embedded};
     * blank counts as unset, case is ignored, and anything else is refused naming both valid values.
     */
    static String selected(String property, String environment) {
        String chosen = property != null && !property.isBlank() ? property
                : environment != null && !environment.isBlank() ? environment : EmbeddedEnvironment.NAME;
        String provider = chosen.trim().toLowerCase(Locale.ROOT);
        if (!PROVIDERS.contains(provider)) {
            String from = property != null && !property.isBlank() ? "system property " + PROPERTY : "environment variable " + ENV_VARIABLE;
            throw new IllegalArgumentException("Unknown integration-test environment '" + chosen + "' in " + from
                    + ": expected " + String.join(" or ", PROVIDERS));
        }
        return provider;
    }
}
