package io.pricestream.scrapers.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.scrapers.config.ScraperConfig.ServiceRowRange;
import io.pricestream.scrapers.testing.TestPrices;

class QualityGatesTest {

    private static RunCounts counts(String service, int n, int tiered) {
        RunCounts counts = new RunCounts();
        for (int i = 0; i < n; i++) {
            var price = TestPrices.price("id" + i, service, "1");
            if (i < tiered) {
                price.setTierStart(new BigDecimal("10"));
            }
            counts.accepted(price.build());
        }
        return counts;
    }

    private static ScrapeRun previous(String service, long records) {
        return ScrapeRun.newBuilder().setRunId("prev").setCsp("aws").setStartedAt(Instant.EPOCH).setFinishedAt(Instant.EPOCH)
                .setScope(new RunScope(List.of(), List.of())).setVerdict(RunVerdict.OK).setRecordsPublished(records)
                .setRecordsPerService(Map.of(service, records)).build();
    }

    @Test
    void shouldBeOkWhenEveryGatePasses() {
        QualityGates gates = new QualityGates(5, List.of(ServiceRowRange.parse("AmazonEC2=5..20")), 2, 20);

        QualityVerdict verdict = gates.evaluate(counts("AmazonEC2", 10, 2), Set.of("AmazonEC2"), Coverage.FULL, Optional.of(previous("AmazonEC2", 11)), List.of());

        assertThat(verdict.verdict()).isEqualTo(RunVerdict.OK);
        assertThat(verdict.gateFailed()).isFalse();
    }

    @Test
    void shouldFailWhenAServiceIsOutsideItsRangeOrTooFewRowsOrTiers() {
        QualityGates gates = new QualityGates(50, List.of(ServiceRowRange.parse("AmazonEC2=20..")), 5, 20);

        QualityVerdict verdict = gates.evaluate(counts("AmazonEC2", 10, 1), Set.of("AmazonEC2"), Coverage.FULL, Optional.empty(), List.of());

        assertThat(verdict.verdict()).isEqualTo(RunVerdict.FAILED);
        assertThat(verdict.gateFailed()).isTrue();
        assertThat(verdict.reasons()).hasSize(3).anyMatch(r -> r.contains("'AmazonEC2' has 10 prices, outside 20.."))
                .anyMatch(r -> r.contains("fewer than scrapers.quality.rows.min=50"))
                .anyMatch(r -> r.contains("1 tiered prices"));
    }

    @Test
    void shouldFailWhenTheCatalogueShrankMoreThanAllowed() {
        QualityGates gates = new QualityGates(1, List.of(), 0, 20);

        QualityVerdict shrunk = gates.evaluate(counts("AmazonEC2", 79, 0), Set.of("AmazonEC2"), Coverage.FULL, Optional.of(previous("AmazonEC2", 100)), List.of());
        QualityVerdict within = gates.evaluate(counts("AmazonEC2", 80, 0), Set.of("AmazonEC2"), Coverage.FULL, Optional.of(previous("AmazonEC2", 100)), List.of());
        QualityVerdict notRead = gates.evaluate(counts("AmazonS3", 5, 0), Set.of("AmazonS3"), Coverage.FULL, Optional.of(previous("AmazonEC2", 100)), List.of());

        assertThat(shrunk.verdict()).isEqualTo(RunVerdict.FAILED);
        assertThat(shrunk.reasons()).singleElement().asString().contains("shrank from 100 to 79");
        assertThat(within.verdict()).isEqualTo(RunVerdict.OK);
        assertThat(notRead.verdict()).isEqualTo(RunVerdict.OK);
    }

    @Test
    void shouldNeverBeOkWhenRecordsWereRejected() {
        QualityGates gates = new QualityGates(1, List.of(), 0, 20);
        RunCounts counts = counts("AmazonEC2", 10, 0);
        counts.rejected("negative_price");

        QualityVerdict verdict = gates.evaluate(counts, Set.of("AmazonEC2"), Coverage.FULL, Optional.empty(), List.of());

        assertThat(verdict.verdict()).isEqualTo(RunVerdict.PARTIAL);
        assertThat(verdict.gateFailed()).isTrue();
        assertThat(verdict.reasons()).singleElement().asString().contains("1 prices rejected").contains("negative_price=1");
    }

    @Test
    void shouldBePartialButNotFailedWhenNothingChanged() {
        QualityGates gates = new QualityGates(1, List.of(), 0, 20);

        QualityVerdict verdict = gates.evaluate(new RunCounts(), Set.of(), Coverage.NOTHING_READ, Optional.of(previous("AmazonEC2", 100)), List.of());

        assertThat(verdict.verdict()).isEqualTo(RunVerdict.PARTIAL);
        assertThat(verdict.gateFailed()).isFalse();
    }

    @Test
    void shouldJudgeOnlyCompleteServicesWhenSomeSourcesWereSkipped() {
        QualityGates gates = new QualityGates(1000, List.of(ServiceRowRange.parse("AmazonEC2=1000..")), 50, 20);

        // EC2 partially read: its 10 prices are not judged, nor the run-wide minimums; S3 complete and fine
        RunCounts counts = counts("AmazonEC2", 10, 0);
        QualityVerdict some = gates.evaluate(counts, Set.of("AmazonS3"), Coverage.SOME_SERVICES_COMPLETE, Optional.of(previous("AmazonEC2", 100)), List.of());
        QualityVerdict none = gates.evaluate(counts, Set.of(), Coverage.NO_COMPLETE_SERVICE, Optional.of(previous("AmazonEC2", 100)), List.of());

        assertThat(some.verdict()).isEqualTo(RunVerdict.OK);
        assertThat(none.verdict()).isEqualTo(RunVerdict.PARTIAL);
        assertThat(none.gateFailed()).isFalse();
        assertThat(none.reasons()).singleElement().asString().contains("no service was read completely");
    }

    @Test
    void shouldNotCallANarrowerRegionScopeAShrunkCatalogue() {
        QualityGates gates = new QualityGates(1, List.of(), 0, 20);

        QualityVerdict oneRegion = gates.evaluate(counts("AmazonEC2", 10, 0), Set.of("AmazonEC2"), Coverage.FULL,
                Optional.of(previous("AmazonEC2", 100)), List.of("us-east-1"));

        assertThat(oneRegion.verdict()).isEqualTo(RunVerdict.OK);
    }
}
