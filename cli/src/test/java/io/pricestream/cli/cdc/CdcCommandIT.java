package io.pricestream.cli.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.VerbSession;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;

/** {@code pricestream cdc} (publishing, {@code --drop-slot}) on the shared local stack, watched with {@code watch}. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CdcCommandIT {

    @TempDir
    Path workDir;

    @Test
    void shouldFailNamingTheSlotWhenDroppingASlotThatDoesNotExist() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String database = SharedLocalStack.uniqueName("cli_cdc");
        VerbSession.createDatabase(stack, database);
        String slot = SharedLocalStack.uniqueName("cli_slot");

        CliRun run = new CliRun(VerbSession.environment(stack, database), workDir).execute("cdc", "--drop-slot", "--slot", slot);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("error: Replication slot '" + slot + "' does not exist").doesNotContain("Exception");
    }

    @Test
    void shouldPublishAnInsertedPriceAndDropTheSlotAfterwardsWhenRunning() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String database = SharedLocalStack.uniqueName("cli_cdc_run");
        String url = VerbSession.createDatabase(stack, database);
        Map<String, String> env = VerbSession.environment(stack, database);
        assertThat(new CliRun(env, workDir).execute("db", "migrate").exitCode()).isEqualTo(ExitCodes.OK);
        String slot = SharedLocalStack.uniqueName("cli_slot");
        String topic = SharedLocalStack.uniqueName("cli_cdc_changes");

        try (VerbSession cdc = VerbSession.start(env, workDir, "cdc", "--slot", slot, "--topic", topic,
                "--set", "cdc.publication.name=" + slot, "--set", "cdc.offset.topic=" + topic + "_offsets")) {
            await().atMost(Duration.ofSeconds(180)).until(() -> cdc.run().out().contains("cdc publishing") || !cdc.isRunning());
            assertThat(cdc.run().out()).as(cdc.run().err()).contains("on slot '" + slot + "' to " + topic);
            try (Connection connection = DriverManager.getConnection(url, stack.jdbcUser(), stack.jdbcPassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO api_price.infra_price (cloud_provider, price_id, sku_id, region, service,"
                        + " start_usage_amount, unit, unit_published, unit_multiplier, price, currency, purchase_option,"
                        + " first_seen_at, last_changed_at, observed_at, run_id, last_changed_run_id) VALUES ('aws', 'cdc-price-1',"
                        + " 'sku-1', 'us-east-1', 'AmazonEC2', 0, 'hours', 'Hrs', 1, 0.25, 'USD', 'ON_DEMAND', now(), now(), now(),"
                        + " 'run-1', 'run-1')");
            }
            try (VerbSession watch = VerbSession.start(env, workDir, "watch", "--topic", topic, "--from-beginning")) {
                await().atMost(Duration.ofSeconds(120)).until(() -> watch.run().out().contains("cdc-price-1") || !watch.isRunning());
                assertThat(watch.stop()).as(watch.run().err()).isEqualTo(ExitCodes.OK);
                assertThat(watch.run().out()).contains("NEW aws AmazonEC2 us-east-1 cdc-price-1 0.2500 USD/hours");
            }
            assertThat(cdc.stop()).as(cdc.run().err()).isEqualTo(ExitCodes.OK);
        }

        CliRun drop = new CliRun(env, workDir).execute("cdc", "--drop-slot", "--slot", slot);
        assertThat(drop.exitCode()).as(drop.err()).isEqualTo(ExitCodes.OK);
        assertThat(drop.out()).contains("Dropped replication slot '" + slot + "'");
    }
}
