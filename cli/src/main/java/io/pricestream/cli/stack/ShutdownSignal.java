package io.pricestream.cli.stack;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running verb block until Ctrl-C (SIGINT/SIGTERM) and still shut down cleanly: the JVM
 * shutdown hook only signals the verb, then waits for the verb to report that it has closed everything,
 * so the JVM does not halt with a half-stopped broker or database.
 */
public final class ShutdownSignal implements AutoCloseable {

    // Longer than any clean stop of the local stack; a stuck stop must not keep the JVM alive forever.
    private static final long MAX_CLEANUP_SECONDS = 60;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    private ShutdownSignal(String name) {
        this.hook = new Thread(() -> {
            requested.countDown();
            try {
                cleanedUp.await(MAX_CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
    }

    /** Installs the JVM shutdown hook; close the returned signal once the verb has cleaned up. */
    public static ShutdownSignal install(String name) {
        ShutdownSignal signal = new ShutdownSignal(name);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Blocks until the JVM is asked to shut down (or the calling thread is interrupted). */
    public void await() throws InterruptedException {
        requested.await();
    }

    /** Reports clean-up done (the hook may now return) and removes the hook when the JVM is not exiting. */
    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and has just been released.
        }
    }
}
