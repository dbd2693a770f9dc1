package io.pricestream.scrapers.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.testing.PublishFixture;

/** All CSPs at once against csp-sim and a real broker: the runs overlap, and one CSP failing leaves the others whole. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CspScrapesIT {

    private static final String GCP_KEY = "csp-scrapes-it-key";

    private static PipelineEnvironment stack;
    private static CspSimulator sim;

    @BeforeAll
    static void start() {
        stack = ItEnvironment.get();
        sim = CspSimulator.start(CspSimConfig.builder().scale(4_000).seed(17).gcpApiKey(GCP_KEY).build());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldRunEveryCspAtOnceAndKeepTheOthersWhenOneFails() throws Exception {
        Map<String, Object> extra = new HashMap<>();
        extra.put(ScraperConfig.GCP_API_KEY, GCP_KEY);
        extra.put(ScraperConfig.endpointKey("gcp"), sim.url());
        // a path csp-sim does not serve: a permanent 404, so the azure run fails at once, without retries
        extra.put(ScraperConfig.endpointKey("azure"), sim.url() + "/no-such-api");
        ScraperConfig config = PublishFixture.config(stack, "csp_scrapes", "aws", sim.url(), 3, extra);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(config.rawTopic("azure"), 3, (short) 1),
                    new NewTopic(config.rawTopic("gcp"), 3, (short) 1))).all().get();
        }

        List<CspScrapes.Result> results = new CspScrapes(config).publish(List.of("aws", "azure", "gcp"));

        assertThat(results).extracting(CspScrapes.Result::csp).containsExactly("aws", "azure", "gcp");
        CspScrapes.Result aws = results.get(0);
        CspScrapes.Result azure = results.get(1);
        CspScrapes.Result gcp = results.get(2);
        assertThat(azure.outcome()).isNull();
        assertThat(azure.error()).isNotNull();
        assertThat(azure.error().getMessage()).contains("404");
        for (CspScrapes.Result ok : List.of(aws, gcp)) {
            assertThat(ok.error()).as(ok.csp() + " error").isNull();
            assertThat(ok.outcome().run().getVerdict()).as(ok.csp() + " verdict").isEqualTo(RunVerdict.OK);
        }
        assertThat(aws.outcome().run().getRecordsPublished()).isEqualTo(sim.truth().total(Csp.AWS));
        assertThat(gcp.outcome().run().getRecordsPublished()).isEqualTo(sim.truth().total(Csp.GCP));
        ScrapeRun awsRun = aws.outcome().run();
        ScrapeRun gcpRun = gcp.outcome().run();
        // run one after the other, one would have finished before the other started
        assertThat(awsRun.getStartedAt()).isBefore(gcpRun.getFinishedAt());
        assertThat(gcpRun.getStartedAt()).isBefore(awsRun.getFinishedAt());
    }
}
