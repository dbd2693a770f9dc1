package io.pricestream.cli.status;

import java.util.List;

/**
 * What {@code pricestream status} shows: the last run of each CSP, how far behind each component is, what the
 * database holds and how many change events have been published.
 */
public record StatusReport(List<Run> lastRuns, List<Lag> lag, List<Prices> database, long eventsPublished, Cdc cdc) {

    /** The last run of one CSP on the runs topic. */
    public record Run(String csp, String runId, String verdict, String finishedAt, long recordsPublished, long recordsRejected,
                      int skippedSources, List<String> reasons) {
    }

    /** A component's consumer group and how many offsets it has still to read on its input topics. */
    public record Lag(String component, String group, List<String> topics, long lag) {
    }

    /** Rows of one CSP in infra_price (active and retired) and its periods in infra_price_history. */
    public record Prices(String csp, long activeRows, long retiredRows, long historyPeriods) {
    }

    /** The CDC replication slot: whether it exists and is in use, and the WAL it still holds back (bytes). */
    public record Cdc(String slot, boolean exists, boolean active, Long walBehindBytes) {
    }
}
