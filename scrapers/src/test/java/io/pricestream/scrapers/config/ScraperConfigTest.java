package io.pricestream.scrapers.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.ConfigTable;
import io.pricestream.schemas.config.InvalidConfigException;

class ScraperConfigTest {

    @Test
    void shouldDocumentEveryKey() {
        for (ConfigDef.ConfigKey key : ScraperConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.name).startsWith("scrapers.");
        }
        assertThat(ConfigTable.markdown(ScraperConfig.CONFIG_DEF)).contains("`scrapers.http.parallelism`", "`scrapers.aws.endpoint`");
    }

    @Test
    void shouldStartWithDefaultsWhenNothingIsSet() {
        ScraperConfig config = new ScraperConfig(Map.of());

        assertThat(config.endpoint("aws")).isEqualTo(URI.create("https://pricing.us-east-1.amazonaws.com"));
        assertThat(config.endpoint("azure")).isEqualTo(URI.create("https://prices.azure.com"));
        assertThat(config.endpoint("gcp")).isEqualTo(URI.create("https://cloudbilling.googleapis.com"));
        assertThat(config.scope("aws").services()).isEmpty();
        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.rawTopic("aws")).isEqualTo("prices.raw.aws");
        assertThat(config.runsTopic()).isEqualTo("prices.runs");
    }

    @Test
    void shouldNameEveryBadKeyAtOnce() {
        assertThatThrownBy(() -> new ScraperConfig(Map.of(
                ScraperConfig.HTTP_PARALLELISM, "0",
                ScraperConfig.QUALITY_SERVICE_ROWS, "AmazonEC2=10..5",
                "scrapers.aws.endpoint", "not a url")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder(ScraperConfig.HTTP_PARALLELISM, ScraperConfig.QUALITY_SERVICE_ROWS, "scrapers.aws.endpoint"));
    }

    @Test
    void shouldReadScopeAndServiceRangesWhenSet() {
        ScraperConfig config = new ScraperConfig(Map.of(
                "scrapers.services.aws", "AmazonEC2,AmazonS3",
                "scrapers.regions.aws", "us-east-1",
                ScraperConfig.QUALITY_SERVICE_ROWS, "AmazonEC2=1000..5000000,AmazonS3=10.."));

        assertThat(config.scope("aws").services()).containsExactly("AmazonEC2", "AmazonS3");
        assertThat(config.scope("aws").regions()).containsExactly("us-east-1");
        assertThat(config.serviceRowRanges()).containsExactly(
                new ScraperConfig.ServiceRowRange("AmazonEC2", 1000, 5_000_000L), new ScraperConfig.ServiceRowRange("AmazonS3", 10, null));
    }

    @Test
    void shouldReplaceOnlySchemeHostAndPortWhenOverridingTheEndpoint() {
        assertThat(ScraperConfig.overrideAuthority(URI.create("https://prices.azure.com"), "http://127.0.0.1:8080"))
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(ScraperConfig.overrideAuthority(URI.create("https://proxy.example/aws-prices"), "http://localhost:9000/ignored"))
                .isEqualTo(URI.create("http://localhost:9000/aws-prices"));
        assertThat(ScraperConfig.overrideAuthority(URI.create("https://pricing.us-east-1.amazonaws.com"), "localhost:9000"))
                .isEqualTo(URI.create("http://localhost:9000"));
    }
}
