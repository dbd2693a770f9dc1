package io.pricestream.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a persistent local stack in a child JVM for {@link KillRecoveryIT}: starts it on the data dir given as
 * the only argument, prints one {@value #READY} line with the endpoints to stdout, then waits to be killed.
 */
public final class StackProcessMain {

    static final String READY = "STACK-READY";

    private StackProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(LocalStackConfig.DATA_DIR, Path.of(args[0]).toString());
        config.put(LocalStackConfig.KAFKA_PORT, 0);
        config.put(LocalStackConfig.POSTGRES_PORT, 0);
        config.put(LocalStackConfig.REGISTRY_PORT, 0);
        LocalStack stack = LocalStack.start(new LocalStackConfig(config));
        System.out.println(READY + " " + stack.bootstrapServers() + " " + stack.jdbcUrl() + " " + stack.jdbcUser()
                + " " + stack.jdbcPassword());
        System.out.flush();
        Thread.currentThread().join();
    }
}
