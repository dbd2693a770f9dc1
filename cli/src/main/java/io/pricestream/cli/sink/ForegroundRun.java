package io.pricestream.cli.sink;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.pricestream.cli.stack.ShutdownSignal;

/**
 * Keeps a long-running component verb ({@code streams}, {@code sink}, {@code cdc}, {@code watch}) in the
 * foreground until Ctrl-C / SIGTERM, an interrupt of the calling thread (a test or an embedding program), or
 * the component stopping by itself; then stops it cleanly before the JVM may exit.
 */
public final class ForegroundRun {

    private ForegroundRun() {
    }

    /**
     * Blocks until one of the three stop reasons, then runs {@code stop} (which must wait until the component
     * has closed). A component that failed on its own has its failure rethrown after the stop.
     *
     * @param finished completes when the component ended by itself (exceptionally when it failed)
     * @return true when the component ended by itself, false when it was asked to stop
     */
    public static boolean untilStopped(String name, CompletableFuture<?> finished, Runnable stop, PrintWriter err) {
        Throwable failure = null;
        boolean interrupted = false;
        boolean endedByItself;
        try (ShutdownSignal shutdown = ShutdownSignal.install(name)) {
            CompletableFuture<Void> requested = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    shutdown.await();
                    requested.complete(null);
                } catch (InterruptedException e) {
                    // The verb ended first and no longer needs the signal.
                }
            }, name + "-signal");
            waiter.setDaemon(true);
            waiter.start();
            try {
                CompletableFuture.anyOf(requested, finished).get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            } finally {
                waiter.interrupt();
                endedByItself = finished.isDone() && !requested.isDone();
                if (!endedByItself) {
                    err.println("stopping " + name + "…");
                    err.flush();
                }
                stop.run();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(name + " failed: " + failure.getMessage(), failure);
        }
        return endedByItself;
    }
}
