package io.pricestream.bench.report;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and with what a run happened: machine, JVM, versions of the parts, database durability setting and
 * the load average before and after, so a reader can judge the numbers.
 *
 * @param facts ordered name → value pairs, printed in this order
 */
public record Environment(Map<String, String> facts) {

    public Environment {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** The facts of this JVM and machine; {@code extra} (versions, fsync, load) is appended in its order. */
    public static Environment capture(Map<String, String> extra) {
        Map<String, String> facts = new LinkedHashMap<>();
        Runtime runtime = Runtime.getRuntime();
        facts.put("cores", Integer.toString(runtime.availableProcessors()));
        facts.put("memory", physicalMemory());
        facts.put("jvm max heap", (runtime.maxMemory() >> 20) + " MiB");
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.putAll(extra);
        return new Environment(facts);
    }

    /** The 1-minute system load average now, or "n/a" where the OS does not report one. */
    public static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", load);
    }

    private static String physicalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return (sun.getTotalMemorySize() >> 20) + " MiB";
        }
        return "n/a";
    }
}
