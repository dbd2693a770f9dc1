package io.pricestream.cli.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pricestream.cli.CliRun;
import io.pricestream.localstack.testing.PipelineEnvironment;

/**
 * A long-running verb ({@code sink}, {@code watch}, ...) run in a thread as from a shell; {@link #close()}
 * stops it as Ctrl-C would (the verb's thread is interrupted) and waits for it to finish.
 */
public final class VerbSession implements AutoCloseable {

    private final CliRun run;
    private final Thread thread;

    private VerbSession(CliRun run, Thread thread) {
        this.run = run;
        this.thread = thread;
    }

    public static VerbSession start(Map<String, String> environment, Path workDir, String... args) {
        CliRun run = new CliRun(environment, workDir);
        Thread thread = new Thread(() -> run.execute(args), "verb-under-test-" + args[0]);
        thread.start();
        return new VerbSession(run, thread);
    }

    public CliRun run() {
        return run;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops the verb and returns its exit code. */
    public int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(90));
        assertThat(thread.isAlive()).as("verb stopped; stderr: %s", run.err()).isFalse();
        return run.exitCode();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }

    /** The environment an operator would export to point every verb at {@code stack}, with {@code database} as jdbc.url. */
    public static Map<String, String> environment(PipelineEnvironment stack, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("PRICESTREAM_SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl());
        env.put("PRICESTREAM_JDBC_URL", databaseUrl(stack, database));
        env.put("PRICESTREAM_JDBC_USER", stack.jdbcUser());
        if (stack.jdbcPassword() != null) {
            env.put("PRICESTREAM_JDBC_PASSWORD", stack.jdbcPassword());
        }
        return env;
    }

    /** Creates an empty database on the stack's PostgreSQL and returns its JDBC URL. */
    public static String createDatabase(PipelineEnvironment stack, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return databaseUrl(stack, database);
    }

    public static String databaseUrl(PipelineEnvironment stack, String database) {
        String url = stack.jdbcUrl();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}
