package io.pricestream.scrapers.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.core.RunSink;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.http.FailsafeHttpFetcher;
import io.pricestream.scrapers.publish.RunHistory;
import io.pricestream.scrapers.testing.TestPrices;
import io.pricestream.scrapers.units.UnitTable;

/** A failed gate posts a Slack-compatible message to a real local webhook endpoint. */
@Timeout(60)
class ScrapeRunnerWebhookIT {

    private HttpServer hook;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startHook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hooks/prices", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stopHook() {
        hook.stop(0);
    }

    @Test
    void shouldPostTheVerdictAndReasonsWhenAGateFails() throws Exception {
        ScraperConfig config = new ScraperConfig(Map.of(
                ScraperConfig.QUALITY_ROWS_MIN, 100L,
                ScraperConfig.QUALITY_WEBHOOK_URL, "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/prices"));
        PriceScraper oneRow = new PriceScraper() {
            @Override
            public String csp() {
                return "aws";
            }

            @Override
            public ScrapeResult scrape(ScrapeContext context, PriceConsumer out) {
                out.accept(TestPrices.price("A.JRTCKXETXF.6YS6EN2CT7", "AmazonEC2", "0.1").build());
                return new ScrapeResult(Map.of(), List.of(), 0);
            }
        };
        RunSink discard = new RunSink() {
            @Override
            public void accept(SkuPrice price) {
            }

            @Override
            public void complete(ScrapeRun run) {
            }

            @Override
            public void close() {
            }
        };

        RunOutcome outcome = new ScrapeRunner(config, new FailsafeHttpFetcher(config.http()), new UnitTable(), Clock.systemUTC())
                .run(oneRow, discard, RunHistory.NONE);

        assertThat(outcome.run().getVerdict()).isEqualTo(RunVerdict.FAILED);
        assertThat(outcome.gateFailed()).isTrue();
        assertThat(posted).singleElement().satisfies(body -> {
            JsonNode json = new ObjectMapper().readTree(body);
            assertThat(json.get("text").asText()).contains("aws", outcome.run().getRunId(), "FAILED", "fewer than scrapers.quality.rows.min=100");
        });
    }
}
