package io.pricestream.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePostmasterReaperTest {

    @TempDir
    Path dataDir;

    private final StalePostmasterReaper reaper = new StalePostmasterReaper(Duration.ofSeconds(1));

    @Test
    void shouldDoNothingWhenNoPidFileExists() {
        assertThat(reaper.reap(dataDir)).isFalse();
    }

    @Test
    void shouldLeaveProcessAloneWhenPidBelongsToSomethingElse() throws Exception {
        // After a reboot the pid may name an unrelated process: here, this very JVM.
        long self = ProcessHandle.current().pid();
        Files.writeString(dataDir.resolve(StalePostmasterReaper.PID_FILE), self + "\n" + dataDir + "\n");

        assertThat(reaper.reap(dataDir)).isFalse();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void shouldStopOrphanWhenPidFileNamesLivePostgresProcess() throws Exception {
        Process orphan = fakePostmaster();
        try {
            assertThat(reaper.reap(dataDir)).isTrue();
            assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void shouldStopPostmasterWhenItDoesNotExitWithinGracePeriod() throws Exception {
        Process lingering = fakePostmaster();
        try {
            reaper.awaitStopped(dataDir);

            assertThat(lingering.isAlive()).isFalse();
        } finally {
            lingering.destroyForcibly();
        }
    }

    @Test
    void shouldIgnorePidFileWhenItIsGarbled() throws Exception {
        Files.writeString(dataDir.resolve(StalePostmasterReaper.PID_FILE), "not-a-pid\n");

        assertThat(StalePostmasterReaper.livePostmaster(dataDir)).isEmpty();
    }

    @Test
    void shouldIgnorePidFileWhenProcessIsGone() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(dataDir.resolve(StalePostmasterReaper.PID_FILE), finished.pid() + "\n");

        assertThat(StalePostmasterReaper.livePostmaster(dataDir)).isEmpty();
    }

    /** A long sleep running under the name {@code postgres}, its pid written where a postmaster's would be. */
    private Process fakePostmaster() throws Exception {
        Path binary = Files.copy(Path.of("/bin/sleep"), dataDir.resolve("postgres"));
        binary.toFile().setExecutable(true);
        Process process = new ProcessBuilder(binary.toString(), "300").start();
        Files.writeString(dataDir.resolve(StalePostmasterReaper.PID_FILE), process.pid() + "\n" + dataDir + "\n");
        return process;
    }
}
