package io.pricestream.scrapers.azure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeProgress;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.http.FailsafeHttpFetcher;
import io.pricestream.scrapers.units.UnitTable;

/**
 * Measures the Azure scraper against csp-sim in this JVM (not a test: speed is never asserted). Run with the
 * module's test classpath: {@code java -cp ... io.pricestream.scrapers.azure.AzureThroughputProbe <scale> <pageSize> <runs>}.
 * The simulator shares the JVM and the cores, so the figures are a lower bound of the scraper alone.
 */
public final class AzureThroughputProbe {

    private AzureThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        long scale = Long.parseLong(args[0]);
        int pageSize = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        try (CspSimulator sim = CspSimulator.start(CspSimConfig.builder().scale(scale).seed(7).azurePageSize(pageSize).build())) {
            long expected = sim.truth().total(Csp.AZURE);
            for (int run = 1; run <= runs; run++) {
                FailsafeHttpFetcher fetcher = new FailsafeHttpFetcher(ScraperConfig.HttpSettings.defaults());
                ScrapeContext context = new ScrapeContext("probe-" + run, Instant.now(), ScrapeScope.all(), URI.create(sim.url()),
                        fetcher, new UnitTable(), Map.of(), ScrapeProgress.NONE);
                long[] records = {0};
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                new AzureRetailScraper().scrape(context, price -> records[0]++);
                double seconds = (System.nanoTime() - start) / 1e9;
                long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP).mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                double mb = fetcher.bytesReceived() / 1e6;
                System.out.printf("azure run %d: %d records (truth %d), page size %d, %.1f s, %.0f records/s, %.1f MB received (gzip), "
                                + "%.2f MB/s, peak heap %.0f MB%n", run, records[0], expected, pageSize, seconds, records[0] / seconds,
                        mb, mb / seconds, peakHeap / 1e6);
            }
        }
    }
}
