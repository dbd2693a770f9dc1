package io.pricestream.localstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.localstack.LocalStack;
import io.pricestream.localstack.LocalStackConfig;

/**
 * One local stack per JVM for the integration tests of every module: started lazily on first use, on a
 * temporary data directory, with random free ports and {@code fsync=off}; stopped and deleted by a JVM
 * shutdown hook. Tests share it, so each test uses its own names ({@link #uniqueName(String)}).
 *
 * <p>Tests that should also run on the containers of {@code docker-compose.yml} take their endpoints from
 * {@link ItEnvironment#get()} (a {@link PipelineEnvironment}) instead of from this class; this class stays the
 * embedded provider behind it.
 */
public final class SharedLocalStack {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLocalStack.class);

    private static LocalStack stack;
    private static RuntimeException failure;

    private SharedLocalStack() {
    }

    /** The JVM's shared stack, started on the first call. */
    public static synchronized LocalStack get() {
        if (failure != null) {
            // A failed start is not retried: zonky keeps its file lock, and every test would wait again.
            throw new IllegalStateException("The shared local stack failed to start earlier in this JVM", failure);
        }
        if (stack == null) {
            Path dataDir = createTempDataDir();
            LocalStack started;
            try {
                started = LocalStack.start(new LocalStackConfig(testConfig(dataDir)));
            } catch (RuntimeException e) {
                failure = e;
                deleteRecursively(dataDir);
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // close() waits for the postmaster to exit (zonky's own hook may be stopping it concurrently)
                // so the directory is not deleted under a server still writing to it.
                started.close();
                deleteRecursively(dataDir);
            }, "shared-local-stack-shutdown"));
            stack = started;
        }
        return stack;
    }

    /**
     * A name unique in this JVM and across runs on the shared stack, usable as topic, consumer group,
     * application id, schema subject and (being lower-case letters, digits and underscores) SQL identifier:
     * {@code prices_3f2a9c1b0d}.
     */
    public static String uniqueName(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return clean + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The configuration the shared stack runs with on {@code dataDir}: any free ports, no fsync. */
    public static Map<String, Object> testConfig(Path dataDir) {
        return Map.of(
                LocalStackConfig.DATA_DIR, dataDir.toString(),
                LocalStackConfig.KAFKA_PORT, 0,
                LocalStackConfig.POSTGRES_PORT, 0,
                LocalStackConfig.REGISTRY_PORT, 0,
                LocalStackConfig.POSTGRES_FSYNC, false);
    }

    private static Path createTempDataDir() {
        try {
            return Files.createTempDirectory("pricestream-it-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary data dir for the shared local stack", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete temporary data dir '{}'", dir, e);
        }
    }
}
