package io.pricestream.scrapers.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

import io.pricestream.scrapers.core.ScrapeException;

/**
 * Runs one download-and-parse task per document with at most {@code parallelism} in flight
 * ({@code scrapers.http.parallelism}). The first failure cancels the remaining tasks and is rethrown; results
 * come back in input order.
 */
public final class BoundedParallel {

    /** One document's work: fetch it and stream its records on. */
    @FunctionalInterface
    public interface Task<I, O> {
        O run(I item) throws ScrapeException;
    }

    private BoundedParallel() {
    }

    public static <I, O> List<O> map(List<I> items, int parallelism, String threadPrefix, Task<I, O> task) throws ScrapeException {
        if (items.isEmpty()) {
            return List.of();
        }
        int threads = Math.max(1, Math.min(parallelism, items.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, named(threadPrefix));
        try {
            ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            Map<String, String> mdc = MDC.getCopyOfContextMap(); // csp / run_id on the workers' log lines too
            List<O> results = new ArrayList<>(items.size());
            List<Future<Integer>> futures = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                results.add(null);
                int index = i;
                futures.add(done.submit(() -> {
                    if (mdc != null) {
                        MDC.setContextMap(mdc);
                    }
                    try {
                        results.set(index, task.run(items.get(index)));
                        return index;
                    } finally {
                        MDC.clear();
                    }
                }));
            }
            for (int i = 0; i < items.size(); i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    Throwable cause = e.getCause();
                    if (cause instanceof ScrapeException s) {
                        throw s;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new ScrapeException(cause.toString(), cause);
                }
            }
            // Future.get() above orders every task's write before this read.
            return java.util.Collections.unmodifiableList(results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScrapeException("Interrupted while downloading " + items.size() + " documents", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
