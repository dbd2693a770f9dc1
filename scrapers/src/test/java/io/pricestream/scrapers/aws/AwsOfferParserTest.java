package io.pricestream.scrapers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.http.MalformedBodyException;
import io.pricestream.scrapers.units.UnitTable;

class AwsOfferParserTest {

    private static final Instant OBSERVED = Instant.parse("2025-09-13T08:00:00Z");
    private final AwsOfferParser parser = new AwsOfferParser(new UnitTable(), "run-1", OBSERVED);

    private record Parsed(AwsOfferParser.Stats stats, Map<String, SkuPrice> byId, List<SkuPrice> all) {
    }

    private Parsed parse(String fixture) throws IOException {
        List<SkuPrice> out = new ArrayList<>();
        try (InputStream in = fixture(fixture)) {
            AwsOfferParser.Stats stats = parser.parse(in, new AwsOfferParser.Source("AmazonEC2", "us-east-2", "20250912225308",
                    "fixtures/aws/" + fixture), out::add);
            return new Parsed(stats, out.stream().collect(Collectors.toMap(SkuPrice::getPriceId, Function.identity())), out);
        }
    }

    private static InputStream fixture(String name) {
        InputStream in = AwsOfferParserTest.class.getResourceAsStream("/fixtures/aws/" + name);
        assertThat(in).as("fixture %s", name).isNotNull();
        return in;
    }

    @Test
    void shouldEmitOneRecordPerPriceDimensionWhenParsingARealFormatOfferFile() throws IOException {
        Parsed parsed = parse("offer-AmazonEC2-us-east-2.json");

        // c5.large: 1 on-demand + all upfront (2) + no upfront (1) + partial upfront (2); gp3 1; EIP 2 tiers; egress 4 tiers; widget 1
        assertThat(parsed.all()).hasSize(14);
        assertThat(parsed.byId()).hasSize(14);
        assertThat(parsed.stats().records()).isEqualTo(14);
        assertThat(parsed.stats().products()).isEqualTo(6);
        assertThat(parsed.stats().version()).isEqualTo("20250912225308");

        SkuPrice onDemand = parsed.byId().get("QG5G45WKDWDDHTFV.JRTCKXETXF.6YS6EN2CT7");
        assertThat(onDemand.getCsp()).isEqualTo("aws");
        assertThat(onDemand.getSkuId()).isEqualTo("QG5G45WKDWDDHTFV");
        assertThat(onDemand.getService()).isEqualTo("AmazonEC2");
        assertThat(onDemand.getServiceName()).isEqualTo("Amazon Elastic Compute Cloud");
        assertThat(onDemand.getProductFamily()).isEqualTo("Compute Instance");
        assertThat(onDemand.getRegion()).isEqualTo("us-east-2");
        assertThat(onDemand.getSkuName()).isEqualTo("c5.large");
        assertThat(onDemand.getUnitPublished()).isEqualTo("Hrs");
        assertThat(onDemand.getUnit()).isEqualTo("hours");
        assertThat(onDemand.getUnitMultiplier()).isEqualByComparingTo("1");
        assertThat(onDemand.getPrice()).isEqualTo(new BigDecimal("0.0850000000")); // exact, scale kept
        assertThat(onDemand.getPrice().toPlainString()).isEqualTo("0.0850000000");
        assertThat(onDemand.getCurrency()).isEqualTo("USD");
        assertThat(onDemand.getPurchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
        assertThat(onDemand.getTerm()).isNull();
        assertThat(onDemand.getTierStart()).isEqualByComparingTo("0");
        assertThat(onDemand.getTierEnd()).isNull();
        assertThat(onDemand.getEffectiveFrom()).isEqualTo(Instant.parse("2025-09-01T00:00:00Z"));
        assertThat(onDemand.getAttributes()).containsEntry("instanceType", "c5.large").containsEntry("operatingSystem", "Linux")
                .containsEntry("regionCode", "us-east-2").hasSize(22);
        assertThat(onDemand.getObservedAt()).isEqualTo(OBSERVED);
        assertThat(onDemand.getRunId()).isEqualTo("run-1");
        assertThat(onDemand.getSourceVersion()).isEqualTo("20250912225308");
    }

    @Test
    void shouldEmitUpfrontAndHourlyDimensionsWhenAReservedTermHasBoth() throws IOException {
        Parsed parsed = parse("offer-AmazonEC2-us-east-2.json");

        SkuPrice upfront = parsed.byId().get("QG5G45WKDWDDHTFV.VJWZNREJX2.2TG2D8R56U");
        SkuPrice hourly = parsed.byId().get("QG5G45WKDWDDHTFV.VJWZNREJX2.6YS6EN2CT7");
        assertThat(upfront.getPurchaseOption()).isEqualTo(PurchaseOption.RESERVED);
        assertThat(upfront.getTerm()).isEqualTo("1yr/all_upfront/convertible");
        assertThat(upfront.getUnitPublished()).isEqualTo("Quantity");
        assertThat(upfront.getUnit()).isEqualTo("units");
        assertThat(upfront.getPrice().toPlainString()).isEqualTo("491");
        assertThat(upfront.getTierStart()).isEqualByComparingTo("0"); // no range → 0 / unbounded
        assertThat(upfront.getTierEnd()).isNull();
        assertThat(hourly.getTerm()).isEqualTo("1yr/all_upfront/convertible");
        assertThat(hourly.getPrice()).isEqualByComparingTo("0");

        assertThat(parsed.byId().get("QG5G45WKDWDDHTFV.4NA7Y494T4.6YS6EN2CT7").getTerm()).isEqualTo("1yr/no_upfront/standard");
        assertThat(parsed.byId().get("QG5G45WKDWDDHTFV.38NPMPTW36.6YS6EN2CT7").getTerm()).isEqualTo("3yr/partial_upfront/standard");
        assertThat(parsed.byId().get("QG5G45WKDWDDHTFV.38NPMPTW36.2TG2D8R56U").getPrice().toPlainString()).isEqualTo("447");
        assertThat(parsed.all()).filteredOn(p -> p.getPurchaseOption() == PurchaseOption.RESERVED).hasSize(5);
    }

    @Test
    void shouldKeepTiersWithUnboundedAndZeroPricedTiersWhenDimensionsAreGraduated() throws IOException {
        Parsed parsed = parse("offer-AmazonEC2-us-east-2.json");

        List<SkuPrice> egress = parsed.all().stream().filter(p -> p.getSkuId().equals("HQEH82ZTFQQ3HRD4"))
                .sorted((a, b) -> a.getTierStart().compareTo(b.getTierStart())).toList();
        assertThat(egress).extracting(p -> p.getTierStart().toPlainString()).containsExactly("0", "10240", "51200", "153600");
        assertThat(egress).extracting(p -> p.getTierEnd() == null ? null : p.getTierEnd().toPlainString())
                .containsExactly("10240", "51200", "153600", null);
        assertThat(egress).extracting(p -> p.getPrice().toPlainString())
                .containsExactly("0.0900000000", "0.0850000000", "0.0700000000", "0.0500000000");
        assertThat(egress).allSatisfy(p -> {
            assertThat(p.getUnit()).isEqualTo("gb");
            assertThat(p.getProductFamily()).isEqualTo("Data Transfer");
            assertThat(p.getService()).isEqualTo("AmazonEC2"); // the offer code, even when servicecode says AWSDataTransfer
            assertThat(p.getSkuName()).isEqualTo("USE2-DataTransfer-Out-Bytes");
        });

        SkuPrice freeHour = parsed.byId().get("2Z7JXN3MFWZ8QWQK.JRTCKXETXF.8EEUB22XNJ");
        assertThat(freeHour.getPrice().signum()).isZero();
        assertThat(freeHour.getTierStart()).isEqualByComparingTo("0");
        assertThat(freeHour.getTierEnd()).isEqualByComparingTo("1");
        assertThat(parsed.byId().get("2Z7JXN3MFWZ8QWQK.JRTCKXETXF.VQ3SNPSZRE").getTierEnd()).isNull();
    }

    @Test
    void shouldEmitNothingAndCountItWhenAProductHasNoTerms() throws IOException {
        Parsed parsed = parse("offer-AmazonEC2-us-east-2.json");

        assertThat(parsed.stats().productsWithoutTerms()).isEqualTo(1);
        assertThat(parsed.all()).noneMatch(p -> p.getSkuId().equals("7U2XKPMDSC6GNBXK"));
    }

    @Test
    void shouldMarkTheUnitUnknownWhenTheTableDoesNotHaveIt() throws IOException {
        SkuPrice widget = parse("offer-AmazonEC2-us-east-2.json").byId().get("Y6ZPHWBCGM3Y8VUT.JRTCKXETXF.6YS6EN2CT7");

        assertThat(widget.getUnitPublished()).isEqualTo("Widget-Months");
        assertThat(widget.getUnit()).isEqualTo("unknown");
        assertThat(widget.getPrice().toPlainString()).isEqualTo("2.0000000000");
    }

    @Test
    void shouldNameTheFileAndPositionWhenTheJsonIsTruncated() {
        assertThatThrownBy(() -> parse("truncated-offer.json"))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("AWS offer file AmazonEC2/us-east-2")
                .hasMessageContaining("fixtures/aws/truncated-offer.json")
                .hasMessageContaining("truncated")
                .hasMessageContaining("line ");
    }

    @Test
    void shouldSayItIsNotJsonWhenTheBodyIsAnHtmlPage() {
        assertThatThrownBy(() -> parse("html-error-page.html"))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("fixtures/aws/html-error-page.html")
                .hasMessageContaining("looks like an HTML page");
    }

    @Test
    void shouldRefuseWhenTermsComeBeforeProducts() {
        assertThatThrownBy(() -> parse("offer-terms-before-products.json"))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("'terms' comes before 'products'");
    }

    @Test
    void shouldNameTheRateCodeWhenADimensionHasNoPrice() {
        assertThatThrownBy(() -> parse("offer-missing-price.json"))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("AAAABBBBCCCCDDDD.JRTCKXETXF.PGHJ3S3EYE")
                .hasMessageContaining("no pricePerUnit");
    }

    @Test
    void shouldTakeTheVersionFromTheRegionIndexUrlPath() {
        assertThat(AwsBulkScraper.versionOf("/offers/v1.0/aws/AmazonEC2/20250912225308/us-east-2/index.json", "us-east-2"))
                .isEqualTo("20250912225308");
        assertThat(AwsBulkScraper.versionOf("/offers/v1.0/aws/AmazonEC2/current/us-east-2/index.json", "us-east-2")).isNull();
    }
}
