package io.pricestream.localstack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive ownership of a data directory by one running stack, held as an OS file lock on
 * {@code stack.lock}.
 *
 * <p>The OS drops the lock when the owning process dies, even by {@code kill -9}; a lock file left behind
 * by a dead process is therefore just a file and is taken over. Holding the lock is also what makes it safe
 * to stop a postmaster still running on this directory: its owner is gone.
 */
final class DataDirLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirLock.class);
    static final String FILE_NAME = "stack.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates {@code dataDir} if needed and locks it, or fails naming the path and why. */
    static DataDirLock acquire(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LocalStackException("Data dir '" + dataDir + "' cannot be created: " + e, e);
        }
        if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
            throw new LocalStackException("Data dir '" + dataDir + "' is not a writable directory");
        }
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new LocalStackException("Data dir '" + dataDir + "' is not writable: cannot open '" + file + "': " + e, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new LocalStackException("Data dir '" + dataDir + "' is in use by another running stack"
                        + holderDescription(file) + "; stop it or use another " + LocalStackConfig.DATA_DIR);
            }
            write(channel, "pid=" + ProcessHandle.current().pid());
            LOG.debug("Locked data dir '{}'", dataDir);
            return new DataDirLock(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new LocalStackException("Data dir '" + dataDir + "' is already in use by a stack in this JVM", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LocalStackException("Data dir '" + dataDir + "' cannot be locked via '" + file + "': " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** Adds the running stack's endpoints to the lock file, so a refused second start can say where it runs. */
    void recordEndpoints(Map<String, String> endpoints) {
        StringBuilder content = new StringBuilder("pid=" + ProcessHandle.current().pid());
        endpoints.forEach((name, value) -> content.append(", ").append(name).append('=').append(value));
        try {
            write(channel, content.toString());
        } catch (IOException e) {
            LOG.warn("Could not record endpoints in '{}'", file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Could not release lock '{}'", file, e);
        }
        closeQuietly(channel);
    }

    // The pid is informational only (shown when a second stack is refused): the lock itself is the truth.
    private static void write(FileChannel channel, String content) throws IOException {
        byte[] owner = (content + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(owner), 0);
        channel.force(false);
    }

    private static String holderDescription(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).trim();
            return content.isEmpty() ? "" : " (" + content + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close lock file channel", e);
        }
    }
}
