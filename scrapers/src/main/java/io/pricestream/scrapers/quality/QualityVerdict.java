package io.pricestream.scrapers.quality;

import java.util.List;

import io.pricestream.schemas.avro.RunVerdict;

/**
 * The gates' verdict on a run and why.
 *
 * <p>{@code OK}: every gate passed and nothing was rejected — consumers may retire unseen prices in scope.
 * {@code PARTIAL}: the published prices are good but the run is not a complete picture (records were rejected, or no
 * source changed so nothing was read) — retire nothing. {@code FAILED}: a gate failed or the scrape broke.
 *
 * @param gateFailed true when the operator must look (the CLI exits non-zero): FAILED, or any rejected record
 */
public record QualityVerdict(RunVerdict verdict, List<String> reasons, boolean gateFailed) {

    public QualityVerdict {
        reasons = List.copyOf(reasons);
    }
}
