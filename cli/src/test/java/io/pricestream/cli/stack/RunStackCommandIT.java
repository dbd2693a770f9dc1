package io.pricestream.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.localstack.testing.SharedLocalStack;

/**
 * {@code pricestream stack} end to end: the printed endpoints work with plain Kafka, JDBC and HTTP clients,
 * and what was created on the first start (topic, table, schema, migrated price schema) is there on the next.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RunStackCommandIT {

    @TempDir
    Path workDir;

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsTablesAndSchemasWhenTheStackIsStartedAgainOnTheSameDataDir() throws Exception {
        // The default config file of the working directory: any free ports, no fsync (test speed).
        Files.writeString(workDir.resolve("pricestream.yaml"), """
                local:
                  kafka.port: 0
                  postgres.port: 0
                  postgres.fsync: false
                  registry.port: 0
                """);
        String topic = SharedLocalStack.uniqueName("cli_stack");
        String table = SharedLocalStack.uniqueName("cli_probe");

        CliRun migrate = CliRun.run(workDir, "db", "migrate", "--data-dir", dataDir.toString());
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCodes.OK);
        assertThat(migrate.out()).startsWith("Applied ");

        int schemaId;
        try (StackSession first = StackSession.start(workDir, dataDir)) {
            try (Admin admin = admin(first.kafka())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            try (Connection connection = DriverManager.getConnection(first.jdbc());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (id int primary key)");
                statement.execute("INSERT INTO " + table + " VALUES (42)");
            }
            HttpResponse<String> registered = http(HttpRequest.newBuilder(URI.create(first.registry() + "/subjects/" + topic + "-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"{\\\"type\\\": \\\"string\\\"}\"}")));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            schemaId = Integer.parseInt(registered.body().replaceAll("\\D", ""));
        }

        try (StackSession second = StackSession.start(workDir, dataDir)) {
            try (Admin admin = admin(second.kafka())) {
                assertThat(admin.listTopics().names().get()).contains(topic);
            }
            try (Connection connection = DriverManager.getConnection(second.jdbc());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
            assertThat(priceTableExists(second.jdbc())).as("price schema migrated by db migrate").isTrue();
            HttpResponse<String> schema = http(HttpRequest.newBuilder(URI.create(second.registry() + "/schemas/ids/" + schemaId)).GET());
            assertThat(schema.statusCode()).isEqualTo(200);
            assertThat(schema.body()).contains("string");
        }
    }

    private static boolean priceTableExists(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             ResultSet tables = connection.getMetaData().getTables(null, "api_price", "infra_price", null)) {
            return tables.next();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code pricestream stack} running in a thread; closing it stops the verb as Ctrl-C would, and waits. */
    private static final class StackSession implements AutoCloseable {

        private static final Pattern ENDPOINT = Pattern.compile("(?m)^  (kafka|jdbc|registry): +(\\S+)$");

        private final CliRun run;
        private final Thread thread;

        private StackSession(CliRun run, Thread thread) {
            this.run = run;
            this.thread = thread;
        }

        static StackSession start(Path workDir, Path dataDir) {
            CliRun run = new CliRun(Map.of(), workDir);
            Thread thread = new Thread(() -> run.execute("stack", "--data-dir", dataDir.toString()), "stack-under-test");
            thread.start();
            StackSession session = new StackSession(run, thread);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> run.out().contains("Press Ctrl-C to stop.") || !thread.isAlive());
            assertThat(run.out()).as("stack output; stderr: %s", run.err()).contains("Press Ctrl-C to stop.");
            return session;
        }

        String kafka() {
            return endpoint("kafka");
        }

        String jdbc() {
            return endpoint("jdbc");
        }

        String registry() {
            return endpoint("registry");
        }

        private String endpoint(String name) {
            Matcher matcher = ENDPOINT.matcher(run.out());
            while (matcher.find()) {
                if (matcher.group(1).equals(name)) {
                    return matcher.group(2);
                }
            }
            throw new AssertionError("no '" + name + "' endpoint in: " + run.out());
        }

        @Override
        public void close() throws InterruptedException, ExecutionException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(thread.isAlive()).as("stack stopped").isFalse();
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        }
    }
}
