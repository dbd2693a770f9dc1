package io.pricestream.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.localstack.testing.SharedLocalStack;

/** A stack whose JVM was killed with {@code kill -9} restarts on the same data dir with its data. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KillRecoveryIT {

    @TempDir
    Path temp;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void shouldRecoverDataWhenPreviousProcessWasKilled() throws Exception {
        Path dataDir = temp.resolve("stack");
        Path childOutput = temp.resolve("child.log");
        String topic = SharedLocalStack.uniqueName("killed");
        String table = SharedLocalStack.uniqueName("killed_table");

        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), StackProcessMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(childOutput.toFile())
                .start();
        String[] ready = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> readyLine(childOutput), Optional::isPresent).orElseThrow().split(" ");
        String bootstrap = ready[1];
        String jdbcUrl = ready[2];

        StackProbe.produce(bootstrap, topic, "k", "before-kill");
        StackProbe.execute(jdbcUrl, ready[3], ready[4], "CREATE TABLE " + table + " (id int PRIMARY KEY, note text)");
        StackProbe.execute(jdbcUrl, ready[3], ready[4], "INSERT INTO " + table + " VALUES (1, 'committed before kill')");

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive))
                .as("the postmaster outlives its killed JVM, which is what the restart must cope with")
                .contains(true);

        try (LocalStack restarted = LocalStack.start(new LocalStackConfig(persistentConfig(dataDir)))) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(StackProbe.consume(restarted.bootstrapServers(), topic, topic + "_after", 1)).containsExactly("k=before-kill");
            assertThat(StackProbe.query(restarted, "SELECT note FROM " + table)).containsExactly("committed before kill");
            assertThat(StackProbe.query(restarted, "SHOW wal_level")).containsExactly("logical");
        }
    }

    private static Map<String, Object> persistentConfig(Path dataDir) {
        Map<String, Object> config = new HashMap<>();
        config.put(LocalStackConfig.DATA_DIR, dataDir.toString());
        config.put(LocalStackConfig.KAFKA_PORT, 0);
        config.put(LocalStackConfig.POSTGRES_PORT, 0);
        config.put(LocalStackConfig.REGISTRY_PORT, 0);
        return config;
    }

    private static Optional<String> readyLine(Path output) throws IOException {
        if (!Files.exists(output)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(output);
        return lines.stream().filter(line -> line.startsWith(StackProcessMain.READY + " ")).findFirst();
    }
}
