package io.pricestream.cspsim;

import io.pricestream.cspsim.testing.InMemoryApis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The same seed serves the same bytes; another seed serves other bytes. */
class DeterminismTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "/offers/v1.0/aws/index.json",
        "/offers/v1.0/aws/AmazonEC2/current/region_index.json",
        "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json",
        "/api/retail/prices?api-version=2023-01-01-preview&$skip=200",
        "/v1/services/6F81-5844-456A/skus?key=test-key&pageSize=40"})
    void shouldServeTheSameBytesWhenTheSeedIsTheSame(String request) {
        byte[] first = new InMemoryApis(new SimulatedClouds(5_000, 31), 100).fetch(request);
        byte[] second = new InMemoryApis(new SimulatedClouds(5_000, 31), 100).fetch(request);
        byte[] otherSeed = new InMemoryApis(new SimulatedClouds(5_000, 32), 100).fetch(request);
        assertThat(first).isNotEmpty().isEqualTo(second);
        if (!request.endsWith("aws/index.json") && !request.endsWith("region_index.json")) {
            assertThat(otherSeed).isNotEqualTo(first);
        }
    }
}
