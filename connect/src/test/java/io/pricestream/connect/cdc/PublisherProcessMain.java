package io.pricestream.connect.cdc;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A publisher in its own JVM, for {@link PriceChangePublisherKillIT} to kill: settings as {@code key=value}
 * arguments; prints {@value #STARTED} once streaming, then runs until killed.
 */
public final class PublisherProcessMain {

    static final String STARTED = "PUBLISHER STARTED";

    private PublisherProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        PriceChangePublisher publisher = new PriceChangePublisher(new CdcConfig(settings), new SimpleMeterRegistry());
        publisher.start();
        publisher.awaitStarted(Duration.ofMinutes(2));
        System.out.println(STARTED);
        System.out.flush();
        publisher.completion().join();
    }
}
