package io.pricestream.scrapers.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.config.ScraperConfig.ServiceRowRange;

/**
 * The run-level data-quality gates, from {@code scrapers.quality.*}:
 * <ul>
 *   <li>at least {@code rows.min} prices (over the services actually read);</li>
 *   <li>each configured service's row count within its {@code service.rows} range;</li>
 *   <li>at least {@code tiered.min} tiered prices;</li>
 *   <li>no service shrank by more than {@code shrink.max.pct} since the last OK run;</li>
 *   <li>any rejected record makes the run at best PARTIAL.</li>
 * </ul>
 * Services not read completely in this run (some of their sources were unchanged and skipped) are not judged: their
 * counts are partial by construction; the run-wide minimums apply only to runs that read their whole scope.
 */
public final class QualityGates {

    private final long rowsMin;
    private final List<ServiceRowRange> serviceRows;
    private final long tieredMin;
    private final int shrinkMaxPct;

    public QualityGates(long rowsMin, List<ServiceRowRange> serviceRows, long tieredMin, int shrinkMaxPct) {
        this.rowsMin = rowsMin;
        this.serviceRows = List.copyOf(serviceRows);
        this.tieredMin = tieredMin;
        this.shrinkMaxPct = shrinkMaxPct;
    }

    public static QualityGates from(ScraperConfig config) {
        return new QualityGates(config.getLong(ScraperConfig.QUALITY_ROWS_MIN), config.serviceRowRanges(),
                config.getLong(ScraperConfig.QUALITY_TIERED_MIN), config.getInt(ScraperConfig.QUALITY_SHRINK_MAX_PCT));
    }

    /**
     * @param counts       the run's accepted / rejected counts
     * @param readServices services whose sources were all read in this run (none skipped)
     * @param coverage     how much of the scope the run read
     * @param previous     the last OK run of this CSP, if any
     * @param regions      the regions requested for this run (empty = all); the shrink gate compares only runs of the
     *                     same region scope, as a one-region run is not a shrunk catalogue
     */
    public QualityVerdict evaluate(RunCounts counts, Set<String> readServices, Coverage coverage, Optional<ScrapeRun> previous,
                                   List<String> regions) {
        List<String> failures = new ArrayList<>();
        Map<String, Long> perService = counts.perService();
        if (coverage == Coverage.FULL) {
            if (counts.accepted() < rowsMin) {
                failures.add("only " + counts.accepted() + " prices, fewer than " + ScraperConfig.QUALITY_ROWS_MIN + "=" + rowsMin);
            }
            if (counts.tiered() < tieredMin) {
                failures.add("only " + counts.tiered() + " tiered prices, fewer than " + ScraperConfig.QUALITY_TIERED_MIN + "=" + tieredMin);
            }
        }
        for (ServiceRowRange range : serviceRows) {
            if (!readServices.contains(range.service())) {
                continue;
            }
            long rows = perService.getOrDefault(range.service(), 0L);
            if (!range.contains(rows)) {
                failures.add("service '" + range.service() + "' has " + rows + " prices, outside " + range.min() + ".."
                        + (range.max() == null ? "" : range.max()));
            }
        }
        previous.filter(prev -> new HashSet<>(prev.getScope().getRegions()).equals(new HashSet<>(regions)))
                .ifPresent(prev -> prev.getRecordsPerService().forEach((service, before) -> {
            // compare only services read completely now and then (an empty scope list means all)
            boolean completeBefore = prev.getScope().getServices().isEmpty() || prev.getScope().getServices().contains(service);
            if (!readServices.contains(service) || !completeBefore || before == null || before <= 0) {
                return;
            }
            long now = perService.getOrDefault(service, 0L);
            // now < before × (1 − pct/100), in integers
            if (now * 100 < before * (100 - shrinkMaxPct)) {
                failures.add("service '" + service + "' shrank from " + before + " to " + now + " prices since run '" + prev.getRunId()
                        + "' (more than " + shrinkMaxPct + "%)");
            }
        }));
        if (!failures.isEmpty()) {
            if (counts.rejected() > 0) {
                failures.add(rejectedReason(counts));
            }
            return new QualityVerdict(RunVerdict.FAILED, failures, true);
        }
        if (counts.rejected() > 0) {
            return new QualityVerdict(RunVerdict.PARTIAL, List.of(rejectedReason(counts)), true);
        }
        if (coverage == Coverage.NOTHING_READ) {
            return new QualityVerdict(RunVerdict.PARTIAL, List.of("no source changed since the last OK run; nothing was read, nothing may be retired"), false);
        }
        if (coverage == Coverage.NO_COMPLETE_SERVICE) {
            return new QualityVerdict(RunVerdict.PARTIAL, List.of("changed sources were read but unchanged ones were skipped in every service; "
                    + "no service was read completely, nothing may be retired"), false);
        }
        return new QualityVerdict(RunVerdict.OK, List.of(), false);
    }

    private static String rejectedReason(RunCounts counts) {
        return counts.rejected() + " prices rejected and not published " + counts.rejectedPerReason();
    }
}
