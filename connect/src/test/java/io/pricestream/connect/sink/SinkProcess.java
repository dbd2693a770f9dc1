package io.pricestream.connect.sink;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A sink in its own JVM, for {@link PriceSinkCrashIT} to kill with SIGKILL mid-stream. Arguments are
 * {@code key=value} sink settings.
 *
 * <p>While it runs it prints, whenever it changes, how many records the sink has counted (see
 * {@link #counted}). The sink counts a batch only after committing it, so the last printed value is never more
 * than the records it committed — unless it read some twice.
 */
public final class SinkProcess {

    private static final String COUNTED = "sink-process counted records: ";
    private static final Pattern COUNTED_LINE = Pattern.compile(Pattern.quote(COUNTED) + "(\\d+)");

    private SinkProcess() {
    }

    public static void main(String[] args) {
        Map<String, Object> config = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            config.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        MeterRegistry metrics = new SimpleMeterRegistry();
        Thread reporter = new Thread(() -> report(metrics), "counted-records-reporter");
        reporter.setDaemon(true);
        reporter.start();
        PriceSink.create(new SinkConfig(config), metrics).run();
    }

    /** Starts a sink process on {@code config}, its output going to {@code log}. */
    static Process start(Map<String, Object> config, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SinkProcess.class.getName()));
        config.forEach((key, value) -> command.add(key + "=" + value));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The last count a (possibly killed) sink process printed to {@code log}; 0 if none. A line cut by the kill is ignored. */
    static long lastCounted(Path log) throws IOException {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        int complete = output.lastIndexOf('\n');
        Matcher matcher = COUNTED_LINE.matcher(complete < 0 ? "" : output.substring(0, complete + 1));
        long last = 0;
        while (matcher.find()) {
            last = Long.parseLong(matcher.group(1));
        }
        return last;
    }

    /** Records {@code metrics} counted as dealt with: every outcome of {@code pricestream.sink.records}, and the dead-lettered. */
    static long counted(MeterRegistry metrics) {
        return Math.round(metrics.find("pricestream.sink.records").counters().stream().mapToDouble(c -> c.count()).sum()
                + metrics.find("pricestream.sink.dlq").counters().stream().mapToDouble(c -> c.count()).sum());
    }

    private static void report(MeterRegistry metrics) {
        long printed = -1;
        while (true) {
            long now = counted(metrics);
            if (now != printed) {
                System.out.println(COUNTED + now);
                printed = now;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
