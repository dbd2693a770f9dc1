package io.pricestream.scrapers.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import io.pricestream.scrapers.config.ScraperConfig;

/**
 * Publishes one run per CSP, all CSPs at the same time. The three price APIs are independent and each run
 * writes only its own raw topic, so nothing orders them; one run per CSP at a time (what the streams app's
 * retirement needs) still holds. Run one after the other, a full refresh took the sum of the three scrapes,
 * most of it waiting on one API's pages while the machine had room for another's.
 *
 * <p>A failed CSP does not stop the others: its error is kept in its {@link Result}.
 */
public final class CspScrapes {

    /** One CSP's run: the outcome when it ran to the end, else the error that stopped it. */
    public record Result(String csp, RunOutcome outcome, Exception error) {
    }

    private final ScraperConfig config;
    private final ScrapeRunner runner;

    public CspScrapes(ScraperConfig config) {
        this(config, new ScrapeRunner(config));
    }

    public CspScrapes(ScraperConfig config, ScrapeRunner runner) {
        this.config = config;
        this.runner = runner;
    }

    /**
     * Publishes every CSP of {@code csps} concurrently and returns their results in the same order.
     * Interrupting the caller interrupts every run still going; runs that did not finish then carry the
     * interruption as their error.
     */
    public List<Result> publish(List<String> csps) {
        List<FutureTask<RunOutcome>> runs = new ArrayList<>();
        for (String csp : csps) {
            FutureTask<RunOutcome> run = new FutureTask<>(() -> runner.publish(PriceScrapers.forCsp(csp, config)));
            Thread thread = new Thread(run, "scrape-" + csp);
            thread.setDaemon(true);
            thread.start();
            runs.add(run);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < csps.size(); i++) {
            results.add(await(csps.get(i), runs.get(i)));
        }
        return results;
    }

    private static Result await(String csp, Future<RunOutcome> run) {
        try {
            return new Result(csp, run.get(), null);
        } catch (ExecutionException e) {
            return new Result(csp, null, e.getCause() instanceof Exception cause ? cause : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel(true);
            return new Result(csp, null, e);
        }
    }
}
