package io.pricestream.scrapers.publish;

import java.util.Optional;

import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.scrapers.core.ScrapeException;

/** The previous runs of a CSP: where a run gets the versions it may skip and the counts it must not shrink below. */
@FunctionalInterface
public interface RunHistory {

    /** No history: a dry run, or the first run. */
    RunHistory NONE = csp -> Optional.empty();

    /** The last run of {@code csp} whose verdict was OK. */
    Optional<ScrapeRun> lastOk(String csp) throws ScrapeException;
}
