package io.pricestream.cli.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.run.PriceScrapers;
import io.pricestream.scrapers.run.RunOutcome;
import io.pricestream.scrapers.run.ScrapeRunner;

/**
 * One scrape cycle: each CSP in turn (one run per CSP at a time, as the streams app's retirement
 * assumes). A failed CSP does not stop the others; its error is kept for the summary.
 */
public final class ScrapeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeCycle.class);

    /** One CSP's run: the outcome when it ran to the end, else the error that stopped it. */
    public record CspRun(String csp, RunOutcome outcome, String error) {

        public boolean failed() {
            return outcome == null || outcome.gateFailed();
        }
    }

    private final ScraperConfig config;
    private final ScrapeRunner runner;

    public ScrapeCycle(ScraperConfig config) {
        this.config = config;
        this.runner = new ScrapeRunner(config);
    }

    public List<CspRun> run(List<String> csps) {
        List<CspRun> runs = new ArrayList<>();
        for (String csp : csps) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                RunOutcome outcome = runner.publish(PriceScrapers.forCsp(csp, config));
                LOG.info("{} run {}: {}, {} prices published", csp, outcome.run().getRunId(), outcome.run().getVerdict(),
                        outcome.run().getRecordsPublished());
                runs.add(new CspRun(csp, outcome, null));
            } catch (ScrapeException | RuntimeException e) {
                LOG.error("{} run failed: {}", csp, e.getMessage(), e);
                runs.add(new CspRun(csp, null, e.getMessage()));
            }
        }
        return runs;
    }
}
