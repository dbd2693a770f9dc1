package io.pricestream.bench.report;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the CPU of a stage went: the process's CPU time over the stage, split by who spent it — each live thread,
 * grouped by {@code groupOf} (stream threads, broker, ...), and the rest (threads that ended during the stage and
 * the JVM's own: GC and JIT compiler threads, which no thread bean reports). On a 2-core machine a stage's wall
 * time is this CPU over two cores, so this is what says which part to make cheaper.
 */
public final class CpuAccount {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Function<String, String> groupOf;
    private final long processStart;
    private final Map<Long, Long> threadStart = new HashMap<>();

    private CpuAccount(Function<String, String> groupOf) {
        this.groupOf = groupOf;
        this.processStart = processCpuNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            threadStart.put(thread.getId(), Math.max(0, THREADS.getThreadCpuTime(thread.getId())));
        }
    }

    /** Starts counting now; {@code groupOf} names the group of a thread by its name. */
    public static CpuAccount start(Function<String, String> groupOf) {
        return new CpuAccount(groupOf);
    }

    /** CPU seconds per group since {@link #start}, largest first, then "other (GC, JIT, ended threads)", then "process". */
    public Map<String, Double> seconds() {
        Map<String, Long> byGroup = new HashMap<>();
        long threadsTotal = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long now = THREADS.getThreadCpuTime(thread.getId());
            if (now < 0) {
                continue;
            }
            long spent = now - threadStart.getOrDefault(thread.getId(), 0L);
            byGroup.merge(groupOf.apply(thread.getName()), spent, Long::sum);
            threadsTotal += spent;
        }
        long process = processCpuNanos() - processStart;
        Map<String, Double> seconds = byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / 1e9, (a, b) -> a, LinkedHashMap::new));
        seconds.put("other (GC, JIT, ended threads)", Math.max(0, process - threadsTotal) / 1e9);
        seconds.put("process", process / 1e9);
        return seconds;
    }

    /** {@link #seconds()} as one line: {@code group 1.2 s, ...}. */
    public String describe() {
        return seconds().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f s", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
