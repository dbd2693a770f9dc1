package io.pricestream.cspsim.azure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureFilterTest {
    private static final Map<String, String> VM_EASTUS = Map.of("serviceName", "Virtual Machines",
            "armRegionName", "eastus", "priceType", "Consumption", "serviceFamily", "Compute", "serviceId", "X",
            "location", "US East");

    @Test
    void shouldCombineAndOrAndParenthesesWhenFiltering() {
        assertThat(test("serviceName eq 'Virtual Machines' and armRegionName eq 'eastus'", true)).isTrue();
        assertThat(test("serviceName eq 'Virtual Machines' and armRegionName eq 'westus'", true)).isFalse();
        assertThat(test("(armRegionName eq 'westus' or armRegionName eq 'eastus') and priceType eq 'Consumption'", true))
                .isTrue();
        assertThat(test("armRegionName eq 'westus' or armRegionName eq 'eastus' and priceType eq 'Reservation'", true))
                .isFalse();
        assertThat(test("ServiceName EQ 'Virtual Machines'", true)).isTrue();
    }

    @Test
    void shouldCompareValuesCaseSensitivelyOnlyFromApiVersion2023() {
        assertThat(test("serviceName eq 'virtual machines'", true)).isFalse();
        assertThat(test("serviceName eq 'virtual machines'", false)).isTrue();
    }

    @Test
    void shouldUnescapeDoubledQuotes() {
        assertThat(AzureFilter.parse("location eq 'O''Hare'", true).test(f -> "O'Hare")).isTrue();
    }

    @Test
    void shouldNameTheProblemWhenTheFilterIsInvalid() {
        assertThatThrownBy(() -> AzureFilter.parse("meterColour eq 'x'", true)).hasMessageContaining("meterColour");
        assertThatThrownBy(() -> AzureFilter.parse("serviceName ne 'x'", true)).hasMessageContaining("'eq' expected");
        assertThatThrownBy(() -> AzureFilter.parse("(serviceName eq 'x'", true)).hasMessageContaining("')' expected");
        assertThatThrownBy(() -> AzureFilter.parse("serviceName eq 'x", true)).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> AzureFilter.parse("serviceName eq 'x' and", true)).hasMessageContaining("end of filter");
    }

    private static boolean test(String filter, boolean caseSensitive) {
        return AzureFilter.parse(filter, caseSensitive).test(VM_EASTUS::get);
    }
}
