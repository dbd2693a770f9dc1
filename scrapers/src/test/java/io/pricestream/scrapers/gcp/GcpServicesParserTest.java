package io.pricestream.scrapers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class GcpServicesParserTest {

    private static final String PAGE = "https://cloudbilling.googleapis.com/v1/services?key=***";

    private final GcpServicesParser parser = new GcpServicesParser();

    @Test
    void shouldReadServicesAndTokenWhenMorePagesFollow() throws IOException {
        GcpServicesPage page = parse("services-page-1.json");

        assertThat(page.services()).containsExactly(
                new GcpService("6F81-5844-456A", "Compute Engine"), new GcpService("95FF-2EF5-5EA1", "Cloud Storage"));
        assertThat(page.nextPageToken()).isEqualTo("c2VydmljZXMtcGFnZS0y");
    }

    @Test
    void shouldEndPagingWhenTokenIsEmptyOrAbsent() throws IOException {
        assertThat(parse("services-page-2.json").nextPageToken()).isNull();
        GcpServicesPage empty = parser.parse(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), PAGE);
        assertThat(empty.services()).isEmpty();
        assertThat(empty.nextPageToken()).isNull();
    }

    @Test
    void shouldFailNamingThePageWhenTheBodyIsAGoogleErrorOrHtml() {
        assertThatThrownBy(() -> parse("error-body.json"))
                .isInstanceOf(GcpPageException.class)
                .hasMessageContaining(PAGE)
                .hasMessageContaining("code=400")
                .hasMessageContaining("INVALID_ARGUMENT");
        assertThatThrownBy(() -> parse("html-error.html"))
                .isInstanceOf(GcpPageException.class)
                .hasMessageContaining(PAGE)
                .hasMessageContaining("HTML");
    }

    @Test
    void shouldFailNamingTheServiceWhenItHasNoId() {
        String body = "{\"services\": [{\"serviceId\": \"A\", \"displayName\": \"a\"}, {\"displayName\": \"No Id\"}]}";

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), PAGE))
                .isInstanceOf(GcpPageException.class)
                .hasMessage("GCP services page '" + PAGE + "', service 1: has no 'serviceId'");
    }

    private GcpServicesPage parse(String fixture) throws IOException {
        try (InputStream body = GcpServicesParserTest.class.getResourceAsStream("/fixtures/gcp/" + fixture)) {
            return parser.parse(body, PAGE);
        }
    }
}
