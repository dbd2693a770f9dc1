package io.pricestream.scrapers.gcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one {@code services.list} page ({@code {"services": [...], "nextPageToken": "..."}}). Pure: no I/O
 * besides the given stream. A service without {@code serviceId} or {@code displayName} fails naming its index.
 */
public final class GcpServicesParser {

    /** @param source the page URL, used in error messages */
    public GcpServicesPage parse(InputStream body, String source) throws IOException {
        List<GcpService> services = new ArrayList<>();
        String[] nextPageToken = {null};
        GcpJson.readPage(body, source, (name, json) -> {
            switch (name) {
                case "services" -> {
                    if (json.currentToken() == JsonToken.VALUE_NULL) {
                        return;
                    }
                    GcpJson.expect(json, JsonToken.START_ARRAY, "services", what -> new GcpPageException(
                            "GCP services page '" + source + "': " + what));
                    for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
                        services.add(readService(json, source, services.size()));
                    }
                }
                case "nextPageToken" -> nextPageToken[0] = GcpJson.text(json, name, what -> new GcpPageException(
                        "GCP services page '" + source + "': " + what));
                default -> { }
            }
        });
        String token = nextPageToken[0] == null || nextPageToken[0].isEmpty() ? null : nextPageToken[0];
        return new GcpServicesPage(services, token);
    }

    private static GcpService readService(JsonParser json, String source, int index) throws IOException {
        GcpJson.Where where = what -> new GcpPageException("GCP services page '" + source + "', service " + index + ": " + what);
        GcpJson.expect(json, JsonToken.START_OBJECT, "services[" + index + "]", where);
        String[] idAndName = new String[2];
        GcpJson.readObject(json, (name, value) -> {
            switch (name) {
                case "serviceId" -> idAndName[0] = GcpJson.text(value, name, where);
                case "displayName" -> idAndName[1] = GcpJson.text(value, name, where);
                default -> { }
            }
        });
        if (idAndName[0] == null || idAndName[0].isBlank()) {
            throw where.problem("has no 'serviceId'");
        }
        if (idAndName[1] == null) {
            throw where.problem("has no 'displayName' (serviceId '" + idAndName[0] + "')");
        }
        return new GcpService(idAndName[0], idAndName[1]);
    }
}
