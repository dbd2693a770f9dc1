package io.pricestream.connect.sink;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A sink in its own JVM, for {@link PriceSinkCrashIT} to kill with SIGKILL mid-stream. Arguments are
 * {@code key=value} sink settings.
 */
public final class SinkProcess {

    private SinkProcess() {
    }

    public static void main(String[] args) {
        Map<String, Object> config = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            config.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        PriceSink.create(new SinkConfig(config), new SimpleMeterRegistry()).run();
    }
}
