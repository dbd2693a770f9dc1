package io.pricestream.cli.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.run.CspScrapes;
import io.pricestream.scrapers.run.RunOutcome;

/**
 * One scrape cycle: every CSP at once ({@link CspScrapes}), one run per CSP. A failed CSP does not stop the
 * others; its error is kept for the summary.
 */
public final class ScrapeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeCycle.class);

    /** One CSP's run: the outcome when it ran to the end, else the error that stopped it. */
    public record CspRun(String csp, RunOutcome outcome, String error) {

        public boolean failed() {
            return outcome == null || outcome.gateFailed();
        }
    }

    private final CspScrapes scrapes;

    public ScrapeCycle(ScraperConfig config) {
        this.scrapes = new CspScrapes(config);
    }

    public List<CspRun> run(List<String> csps) {
        List<CspRun> runs = new ArrayList<>();
        for (CspScrapes.Result result : scrapes.publish(csps)) {
            if (result.outcome() != null) {
                RunOutcome outcome = result.outcome();
                LOG.info("{} run {}: {}, {} prices published", result.csp(), outcome.run().getRunId(), outcome.run().getVerdict(),
                        outcome.run().getRecordsPublished());
                runs.add(new CspRun(result.csp(), outcome, null));
            } else {
                Exception error = result.error();
                LOG.error("{} run failed: {}", result.csp(), error.getMessage(), error);
                runs.add(new CspRun(result.csp(), null, String.valueOf(error.getMessage())));
            }
        }
        return runs;
    }
}
