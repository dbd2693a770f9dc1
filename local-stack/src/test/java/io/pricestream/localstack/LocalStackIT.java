package io.pricestream.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.localstack.testing.SharedLocalStack;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalStackIT {

    @TempDir
    Path temp;

    /** The persistent configuration (fsync on) on a temporary dir, with any free ports so parallel runs coexist. */
    private Map<String, Object> persistentConfig(Path dataDir) {
        Map<String, Object> config = new HashMap<>();
        config.put(LocalStackConfig.DATA_DIR, dataDir.toString());
        config.put(LocalStackConfig.KAFKA_PORT, 0);
        config.put(LocalStackConfig.POSTGRES_PORT, 0);
        config.put(LocalStackConfig.REGISTRY_PORT, 0);
        return config;
    }

    @Test
    void shouldKeepTopicRecordsAndTableWhenRestartedOnSameDataDir() throws Exception {
        Path dataDir = temp.resolve("stack");
        String topic = SharedLocalStack.uniqueName("restart");
        String table = SharedLocalStack.uniqueName("restart_table");

        try (LocalStack stack = LocalStack.start(new LocalStackConfig(persistentConfig(dataDir)))) {
            assertThat(stack.dataDir()).isEqualTo(dataDir);
            assertThat(dataDir.resolve("kafka/meta.properties")).exists();
            assertThat(dataDir.resolve("postgres/postgresql.conf")).exists();

            StackProbe.produce(stack.bootstrapServers(), topic, "k1", "v1");
            assertThat(StackProbe.consume(stack.bootstrapServers(), topic, topic + "_first", 1)).containsExactly("k1=v1");

            StackProbe.execute(stack, "CREATE TABLE " + table + " (id int PRIMARY KEY, price numeric(38,12))");
            StackProbe.execute(stack, "INSERT INTO " + table + " VALUES (1, 0.000123456789)");
            assertThat(StackProbe.query(stack, "SHOW wal_level")).containsExactly("logical");
            assertThat(StackProbe.query(stack, "SHOW fsync")).containsExactly("on");
            assertThat(StackProbe.query(stack, "SHOW synchronous_commit")).containsExactly("on");
            assertThat(StackProbe.query(stack, "SHOW max_replication_slots")).containsExactly("20");
            assertThat(StackProbe.query(stack, "SHOW max_wal_senders")).containsExactly("20");
            assertThat(StackProbe.query(stack, "SELECT rolreplication::text FROM pg_roles WHERE rolname = current_user"))
                    .containsExactly("true");

            assertThat(StackProbe.get(stack.schemaRegistryUrl() + "/subjects").statusCode()).isEqualTo(200);
        }

        try (LocalStack again = LocalStack.start(new LocalStackConfig(persistentConfig(dataDir)))) {
            assertThat(StackProbe.consume(again.bootstrapServers(), topic, topic + "_second", 1)).containsExactly("k1=v1");
            // The first group committed its offset before the restart: nothing new for it.
            StackProbe.produce(again.bootstrapServers(), topic, "k2", "v2");
            assertThat(StackProbe.consume(again.bootstrapServers(), topic, topic + "_first", 1)).containsExactly("k2=v2");
            assertThat(StackProbe.query(again, "SELECT price::text FROM " + table + " WHERE id = 1"))
                    .containsExactly("0.000123456789");
            assertThat(StackProbe.get(again.schemaRegistryUrl() + "/subjects").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldNamePathWhenDataDirIsNotWritable() throws Exception {
        // As root, chmod does not stop mkdir; a regular file in the path does.
        Path file = Files.createFile(temp.resolve("regular-file"));
        Path dataDir = file.resolve("sub");

        assertThatThrownBy(() -> LocalStack.start(new LocalStackConfig(persistentConfig(dataDir))))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining(dataDir.toString());
    }

    @Test
    void shouldNamePortWhenExplicitKafkaPortIsTaken() throws Exception {
        Path dataDir = temp.resolve("taken-port");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Object> config = persistentConfig(dataDir);
            config.put(LocalStackConfig.KAFKA_PORT, taken.getLocalPort());

            assertThatThrownBy(() -> LocalStack.start(new LocalStackConfig(config)))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining(LocalStackConfig.KAFKA_PORT);
        }
        // The failed start left nothing behind: the data dir is free for the next owner.
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            assertThat(lock.file()).exists();
        }
    }

    @Test
    void shouldNameKafkaAndStopPostgresWhenBrokerCannotStart() throws Exception {
        Path dataDir = temp.resolve("broken-kafka");
        Path kafkaDir = Files.createDirectories(dataDir.resolve("kafka"));
        // A log dir formatted for another node: the broker refuses it, PostgreSQL has started by then.
        Files.writeString(kafkaDir.resolve("meta.properties"),
                "version=1\ncluster.id=AAAAAAAAAAAAAAAAAAAAAA\nnode.id=7\ndirectory.id=BBBBBBBBBBBBBBBBBBBBBB\n");

        assertThatThrownBy(() -> LocalStack.start(new LocalStackConfig(persistentConfig(dataDir))))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Kafka broker failed to start")
                .hasMessageContaining(kafkaDir.toString());

        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL was stopped again").doesNotExist();
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            assertThat(lock.file()).exists();
        }
    }

    @Test
    void shouldRefuseSecondStackWhenDataDirIsInUse() throws Exception {
        Path dataDir = temp.resolve("in-use");
        try (DataDirLock held = DataDirLock.acquire(dataDir)) {
            assertThatThrownBy(() -> LocalStack.start(new LocalStackConfig(persistentConfig(dataDir))))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(dataDir.toString());
        }
    }
}
