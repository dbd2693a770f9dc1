package io.pricestream.scrapers.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.InvalidConfigException;

/** The scrapers' pass-through Kafka settings and registry credentials; the publisher IT shows them reaching a real broker. */
class ScraperKafkaOverridesTest {

    @Test
    void shouldRefuseProducerSettingsThatHaveTheirOwnKeyNamingBoth() {
        assertThatThrownBy(() -> new ScraperConfig(Map.of("scrapers.kafka.compression.type", "gzip", "kafka.enable.idempotence", "false")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder("scrapers.kafka.compression.type", "kafka.enable.idempotence"))
                .hasMessageContaining("has its own key: " + ScraperConfig.PRODUCER_COMPRESSION);
    }

    @Test
    void shouldKeepOnlyTheScrapersAndSharedOverridesWhenOtherComponentsHaveTheirOwn() {
        ScraperConfig config = new ScraperConfig(Map.of("kafka.security.protocol", "SSL", "sink.kafka.security.protocol", "SASL_SSL",
                "scrapers.kafka.client.dns.lookup", "use_all_dns_ips"));

        assertThat(config.kafkaOverrides().properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SSL", "client.dns.lookup", "use_all_dns_ips"));
    }

    @Test
    void shouldBuildTheRegistryClientSettingsWithCredentialsOnlyWhenTheUrlIsSet() {
        assertThat(new ScraperConfig(Map.of(ScraperConfig.SCHEMA_REGISTRY_USER_INFO, "u:p")).schemaRegistry()).isEmpty();
        assertThat(new ScraperConfig(Map.of(ScraperConfig.SCHEMA_REGISTRY_URL, "https://r.example.com",
                ScraperConfig.SCHEMA_REGISTRY_USER_INFO, "u:p")).schemaRegistry().orElseThrow().basicAuthUserInfo()).contains("u:p");
    }
}
