package io.pricestream.scrapers.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.core.RunSink;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.http.HttpFetcher;
import io.pricestream.scrapers.publish.RunHistory;
import io.pricestream.scrapers.testing.TestPrices;
import io.pricestream.scrapers.units.UnitTable;

/** The runner's own logic with a scripted scraper and an in-memory sink (no sockets). */
class ScrapeRunnerTest {

    private static final HttpFetcher NO_NETWORK = new HttpFetcher() {
        @Override
        public <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) {
            throw new AssertionError("no network in this test");
        }

        @Override
        public long bytesReceived() {
            return 0;
        }
    };

    /** Collects what a run hands to its sink. */
    private static final class CollectingSink implements RunSink {
        final List<SkuPrice> prices = new ArrayList<>();
        final List<ScrapeRun> completed = new ArrayList<>();

        @Override
        public void accept(SkuPrice price) {
            prices.add(price);
        }

        @Override
        public void complete(ScrapeRun run) {
            completed.add(run);
        }

        @Override
        public void close() {
        }
    }

    /** A scraper that emits a fixed list, then returns a fixed result or throws. */
    private record Scripted(List<SkuPrice> emit, ScrapeResult result, ScrapeException failure) implements PriceScraper {
        @Override
        public String csp() {
            return "aws";
        }

        @Override
        public ScrapeResult scrape(ScrapeContext context, PriceConsumer out) throws ScrapeException {
            emit.forEach(out::accept);
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /** Serves fixed bodies by URL from any thread and, like the real fetcher, counts every byte it served. */
    private static final class InMemoryFetcher implements HttpFetcher {
        private final Map<URI, byte[]> bodies;
        private final AtomicLong served = new AtomicLong();

        InMemoryFetcher(Map<URI, byte[]> bodies) {
            this.bodies = bodies;
        }

        @Override
        public <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) throws ScrapeException {
            byte[] body = bodies.get(uri);
            served.addAndGet(body.length);
            try {
                return reader.read(new ByteArrayInputStream(body));
            } catch (IOException e) {
                throw new ScrapeException("Cannot parse the response of GET " + uri + ": " + e.getMessage(), e);
            }
        }

        @Override
        public long bytesReceived() {
            return served.get();
        }
    }

    /**
     * Downloads one document, in step with the other runs sharing {@code overlap}: every run has started before any
     * downloads, and every run has downloaded before any ends, as when {@link CspScrapes} runs all CSPs at once.
     */
    private record Downloading(String csp, URI source, CyclicBarrier overlap) implements PriceScraper {
        @Override
        public ScrapeResult scrape(ScrapeContext context, PriceConsumer out) throws ScrapeException {
            awaitOthers();
            context.fetcher().get(source, Map.of(), InputStream::readAllBytes);
            awaitOthers();
            return new ScrapeResult(Map.of(), List.of(), context.fetcher().bytesReceived());
        }

        private void awaitOthers() throws ScrapeException {
            try {
                overlap.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new ScrapeException("the other run did not keep step: " + e, e);
            }
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private ScrapeRunner runner(Map<String, Object> config) {
        return new ScrapeRunner(new ScraperConfig(config), NO_NETWORK, new UnitTable(), Clock.systemUTC(), meters);
    }

    private static ScrapeResult result(Map<String, String> versions, List<String> skipped) {
        return new ScrapeResult(versions, skipped, 0);
    }

    @Test
    void shouldEmitARepeatedPriceIdOnceWhenItAppearsOnTwoPages() throws ScrapeException {
        SkuPrice a = TestPrices.price("A.JRTCKXETXF.6YS6EN2CT7", "AmazonEC2", "0.1").build();
        SkuPrice b = TestPrices.price("B.JRTCKXETXF.6YS6EN2CT7", "AmazonEC2", "0.2").build();
        CollectingSink sink = new CollectingSink();

        RunOutcome outcome = runner(Map.of()).run(new Scripted(List.of(a, b, a), result(Map.of(), List.of()), null), sink, RunHistory.NONE);

        assertThat(sink.prices).extracting(SkuPrice::getPriceId).containsExactly(a.getPriceId(), b.getPriceId());
        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.run().getVerdict()).isEqualTo(RunVerdict.OK);
        assertThat(outcome.run().getRecordsPublished()).isEqualTo(2);
        assertThat(sink.completed).containsExactly(outcome.run());
    }

    @Test
    void shouldExcludeCountAndNeverCallOkARunWhenPricesAreRejected() throws ScrapeException {
        SkuPrice good = TestPrices.price("A.JRTCKXETXF.6YS6EN2CT7", "AmazonEC2", "0.1").build();
        SkuPrice negative = TestPrices.price("B.JRTCKXETXF.6YS6EN2CT7", "AmazonEC2", "-0.2").build();
        CollectingSink sink = new CollectingSink();

        RunOutcome outcome = runner(Map.of()).run(new Scripted(List.of(good, negative), result(Map.of(), List.of()), null), sink, RunHistory.NONE);

        assertThat(sink.prices).containsExactly(good);
        assertThat(outcome.run().getRecordsRejected()).isEqualTo(1);
        assertThat(outcome.run().getVerdict()).isEqualTo(RunVerdict.PARTIAL);
        assertThat(outcome.gateFailed()).isTrue();
        assertThat(meters.counter("pricestream.scrapers.records.rejected", "csp", "aws", "reason", "negative_price").count()).isEqualTo(1.0);
        assertThat(meters.counter("pricestream.scrapers.records", "csp", "aws", "service", "AmazonEC2").count()).isEqualTo(1.0);
        assertThat(meters.counter("pricestream.scrapers.runs", "csp", "aws", "verdict", "PARTIAL").count()).isEqualTo(1.0);
    }

    @Test
    void shouldCompleteTheRunAsFailedAndRethrowWhenTheScraperFails() {
        SkuPrice a = TestPrices.price("A.JRTCKXETXF.6YS6EN2CT7", "AmazonEC2", "0.1").build();
        CollectingSink sink = new CollectingSink();
        ScrapeException broken = new ScrapeException("GET http://x/offers/v1.0/aws/AmazonEC2/1/us-east-1/index.json failed");

        assertThatThrownBy(() -> runner(Map.of()).run(new Scripted(List.of(a), null, broken), sink, RunHistory.NONE)).isSameAs(broken);

        assertThat(sink.completed).singleElement().satisfies(run -> {
            assertThat(run.getVerdict()).isEqualTo(RunVerdict.FAILED);
            assertThat(run.getVerdictReasons()).singleElement().asString().contains("AmazonEC2/1/us-east-1");
            assertThat(run.getRecordsPublished()).isEqualTo(1);
        });
    }

    @Test
    void shouldPassThePreviousVersionsAndNarrowTheScopeToCompleteServicesWhenSourcesWereSkipped() throws ScrapeException {
        ScrapeRun previous = ScrapeRun.newBuilder().setRunId("prev").setCsp("aws").setStartedAt(java.time.Instant.EPOCH)
                .setFinishedAt(java.time.Instant.EPOCH).setScope(new RunScope(List.of(), List.of())).setVerdict(RunVerdict.OK)
                .setRecordsPublished(3).setSourceVersions(Map.of("AmazonEC2/us-east-1", "v1")).build();
        List<Map<String, String>> seenVersions = new ArrayList<>();
        PriceScraper scraper = new PriceScraper() {
            @Override
            public String csp() {
                return "aws";
            }

            @Override
            public ScrapeResult scrape(ScrapeContext context, PriceConsumer out) {
                seenVersions.add(context.previousVersions());
                out.accept(TestPrices.price("S.JRTCKXETXF.6YS6EN2CT7", "AmazonS3", "0.023").build());
                return result(Map.of("AmazonEC2/us-east-1", "v1", "AmazonS3/us-east-1", "v7"), List.of("AmazonEC2/us-east-1"));
            }
        };
        CollectingSink sink = new CollectingSink();

        RunOutcome outcome = runner(Map.of()).run(scraper, sink, csp -> Optional.of(previous));

        assertThat(seenVersions).containsExactly(Map.of("AmazonEC2/us-east-1", "v1"));
        assertThat(outcome.run().getVerdict()).isEqualTo(RunVerdict.OK);
        assertThat(outcome.run().getScope().getServices()).containsExactly("AmazonS3");
        assertThat(outcome.run().getSkippedSources()).containsExactly("AmazonEC2/us-east-1");
    }

    @Test
    void shouldNotRetireAnythingWhenEverySourceWasUnchanged() throws ScrapeException {
        CollectingSink sink = new CollectingSink();

        RunOutcome outcome = runner(Map.of()).run(new Scripted(List.of(), result(Map.of("AmazonEC2/us-east-1", "v1"),
                List.of("AmazonEC2/us-east-1")), null), sink, RunHistory.NONE);

        assertThat(outcome.run().getVerdict()).isEqualTo(RunVerdict.PARTIAL);
        assertThat(outcome.gateFailed()).isFalse();
        assertThat(outcome.run().getScope().getServices()).isEmpty();
    }

    @Test
    @Timeout(30)
    void shouldCountOnlyItsOwnBytesWhenRunsOfTwoCspsShareTheFetcherConcurrently() throws Exception {
        URI awsOffers = URI.create("http://sim/offers/v1.0/aws/index.json");
        URI azurePage = URI.create("http://sim/api/retail/prices");
        InMemoryFetcher shared = new InMemoryFetcher(Map.of(awsOffers, new byte[1_000], azurePage, new byte[3_000]));
        ScrapeRunner runner = new ScrapeRunner(new ScraperConfig(Map.of()), shared, new UnitTable(), Clock.systemUTC(), meters);
        CyclicBarrier overlap = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<RunOutcome> aws = threads.submit(() ->
                    runner.run(new Downloading("aws", awsOffers, overlap), new CollectingSink(), RunHistory.NONE));
            Future<RunOutcome> azure = threads.submit(() ->
                    runner.run(new Downloading("azure", azurePage, overlap), new CollectingSink(), RunHistory.NONE));

            assertThat(aws.get().run().getBytesDownloaded()).isEqualTo(1_000);
            assertThat(aws.get().bytesDecoded()).isEqualTo(1_000);
            assertThat(azure.get().run().getBytesDownloaded()).isEqualTo(3_000);
            assertThat(azure.get().bytesDecoded()).isEqualTo(3_000);
            assertThat(shared.bytesReceived()).isEqualTo(4_000);
        } finally {
            threads.shutdownNow();
        }
    }
}
