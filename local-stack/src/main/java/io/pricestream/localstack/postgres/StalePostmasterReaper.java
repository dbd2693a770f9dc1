package io.pricestream.localstack.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a postmaster left running on a data directory by a stack whose JVM died ({@code kill -9}), or one
 * that did not finish stopping when its stack closed.
 *
 * <p>Such an orphan keeps {@code postmaster.pid}; started on another port, the new server would wait for it
 * and fail, and on the same port zonky would silently adopt a server started with old settings. The caller
 * must hold the data directory lock, which proves the orphan's owner is gone.
 */
public final class StalePostmasterReaper {

    private static final Logger LOG = LoggerFactory.getLogger(StalePostmasterReaper.class);
    static final String PID_FILE = "postmaster.pid";

    private final Duration gracePeriod;

    public StalePostmasterReaper(Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    /**
     * Stops the postmaster named by {@code <dataDir>/postmaster.pid} if it is still alive: SIGTERM first (a
     * smart shutdown, immediate once its owner's sessions are gone), SIGKILL after the grace period.
     *
     * @return whether a live postmaster was found and stopped
     */
    public boolean reap(Path dataDir) {
        Optional<ProcessHandle> orphan = livePostmaster(dataDir);
        if (orphan.isEmpty()) {
            return false;
        }
        ProcessHandle process = orphan.get();
        LOG.warn("Stopping postmaster pid {} still running on '{}' without its owner", process.pid(), dataDir);
        CompletableFuture<ProcessHandle> exited = process.onExit();
        process.destroy();
        if (!awaitExit(exited, gracePeriod)) {
            LOG.warn("Postmaster pid {} did not stop within {}; killing it (PostgreSQL recovers from its WAL)",
                    process.pid(), gracePeriod);
            process.destroyForcibly();
            if (!awaitExit(exited, gracePeriod)) {
                throw new IllegalStateException("Stale postmaster pid " + process.pid() + " on '" + dataDir
                        + "' did not stop; stop it by hand");
            }
        }
        return true;
    }

    /**
     * Waits for a postmaster that was asked to stop (by {@code pg_ctl stop}, possibly from another thread)
     * to exit, and {@linkplain #reap stops} it if it has not within the grace period.
     */
    public void awaitStopped(Path dataDir) {
        Optional<ProcessHandle> running = livePostmaster(dataDir);
        if (running.isEmpty()) {
            return;
        }
        LOG.info("Waiting up to {} for postmaster pid {} on '{}' to stop", gracePeriod, running.get().pid(), dataDir);
        if (!awaitExit(running.get().onExit(), gracePeriod)) {
            reap(dataDir);
        }
    }

    /** The live process named on line 1 of {@code postmaster.pid}, if it is a postgres process. */
    static Optional<ProcessHandle> livePostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            pid = Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Ignoring unreadable '{}': {}", pidFile, e.toString());
            return Optional.empty();
        }
        // A pid from a previous boot may since belong to an unrelated process: only stop a postgres one.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(StalePostmasterReaper::isPostgres);
    }

    private static boolean isPostgres(ProcessHandle process) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            // Not visible to us (another user's process); fall back to /proc, which Linux always shows.
            command = procComm(process.pid());
        }
        return command.map(c -> c.contains("postgres")).orElse(false);
    }

    private static Optional<String> procComm(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean awaitExit(CompletableFuture<ProcessHandle> exited, Duration timeout) {
        try {
            exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
