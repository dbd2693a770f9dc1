package io.pricestream.connect.sink;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.MDC;

/**
 * The one batch the sink's writer thread is applying while the consumer thread polls and decodes the next.
 *
 * <p>At most one batch is in flight: memory stays bounded by two batches, and batches commit in the order they
 * were read, each with the offsets the one before it stored. The consumer thread {@link #await}s the batch in
 * flight before it submits the next, before it reads offsets from the database and before it gives partitions
 * up; only then does the database hold everything this instance handed over.
 */
final class InFlightWrite implements AutoCloseable {

    private final ExecutorService writer;
    private Future<Map<TopicPartition, Long>> inFlight;

    InFlightWrite(String threadName) {
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(() -> {
                MDC.put("component", "sink");
                task.run();
            }, threadName);
            // a JVM that exits mid-write is a crash like any other: the transaction rolls back
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts {@code write} on the writer thread; it returns the next offsets it committed.
     *
     * @throws IllegalStateException if a batch is still in flight
     */
    void submit(Callable<Map<TopicPartition, Long>> write) {
        requireIdle("submit a batch");
        inFlight = writer.submit(write);
    }

    /** Whether {@link #await} would return at once: nothing in flight, or it has finished. */
    boolean isDone() {
        return inFlight == null || inFlight.isDone();
    }

    /**
     * Fails unless nothing is in flight: {@code action} must not overlap a write.
     *
     * @throws IllegalStateException naming {@code action}
     */
    void requireIdle(String action) {
        if (inFlight != null) {
            throw new IllegalStateException("Cannot " + action + " while a batch is being written: await it first");
        }
    }

    /**
     * Waits until the batch in flight has committed or failed, and forgets it. Interrupts do not cut the wait
     * short (the write is bounded by its retries; giving up on it would leave it writing while the caller moves
     * on); the thread's interrupt flag is kept.
     *
     * @return the next offsets it committed; empty when nothing was in flight
     * @throws RuntimeException whatever the write threw, e.g. {@link OffsetFencedException} or {@link SinkWriteException}
     */
    Optional<Map<TopicPartition, Long>> await() {
        if (inFlight == null) {
            return Optional.empty();
        }
        Future<Map<TopicPartition, Long>> waiting = inFlight;
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return Optional.of(waiting.get());
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrowable(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("Writing a batch failed: " + failure.getMessage(), failure);
    }

    /** Stops the writer thread; call after {@link #await}, when nothing is in flight. */
    @Override
    public void close() {
        writer.shutdownNow();
    }
}
