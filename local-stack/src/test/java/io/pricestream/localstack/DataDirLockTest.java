package io.pricestream.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path temp;

    @Test
    void shouldCreateDataDirAndRecordOwnerWhenAcquired() throws Exception {
        Path dataDir = temp.resolve("nested/data");

        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            lock.recordEndpoints(Map.of("bootstrap.servers", "localhost:1234"));

            assertThat(Files.readString(lock.file()))
                    .contains("pid=" + ProcessHandle.current().pid())
                    .contains("bootstrap.servers=localhost:1234");
        }
    }

    @Test
    void shouldRefuseSecondOwnerWhenDataDirIsLocked() {
        try (DataDirLock ignored = DataDirLock.acquire(temp)) {
            assertThatThrownBy(() -> DataDirLock.acquire(temp))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(temp.toString())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void shouldTakeOverLockFileWhenItsOwnerIsGone() throws Exception {
        // A killed owner leaves the file behind but the OS has dropped its lock.
        Files.writeString(temp.resolve(DataDirLock.FILE_NAME), "pid=999999999, bootstrap.servers=localhost:1\n");
        try (DataDirLock ignored = DataDirLock.acquire(temp)) {
            assertThat(Files.readString(temp.resolve(DataDirLock.FILE_NAME))).contains("pid=" + ProcessHandle.current().pid());
        }
        try (DataDirLock again = DataDirLock.acquire(temp)) {
            assertThat(again.file()).exists();
        }
    }

    @Test
    void shouldNamePathWhenDataDirCannotBeCreated() throws Exception {
        // As root, permissions do not stop mkdir; a regular file in the path does.
        Path file = Files.createFile(temp.resolve("a-file"));
        Path dataDir = file.resolve("sub");

        assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("'" + dataDir + "'");
    }
}
