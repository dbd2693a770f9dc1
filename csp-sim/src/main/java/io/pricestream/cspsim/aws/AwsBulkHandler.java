package io.pricestream.cspsim.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.pricestream.cspsim.catalogue.Catalogue;
import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.http.FaultInjector;
import io.pricestream.cspsim.http.ResponseCache;
import io.pricestream.cspsim.http.SimHandler;
import io.pricestream.cspsim.http.SimResponse;

import java.io.IOException;
import java.util.List;

/** Serves {@code /offers/v1.0/aws/...}: offer index, version and region indexes, offer files. */
final class AwsBulkHandler extends SimHandler {
    private final Catalogue catalogue;
    private final AwsLayout layout;
    private final AwsOfferWriter writer;

    AwsBulkHandler(Catalogue catalogue, AwsLayout layout, FaultInjector faults, ResponseCache cache) {
        super(faults, cache, "aws");
        this.catalogue = catalogue;
        this.layout = layout;
        this.writer = new AwsOfferWriter(layout);
    }

    @Override
    protected void serve(HttpExchange exchange, SimResponse response) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(AwsOfferWriter.PATH)) {
            error(response, 404, "no such key " + path);
            return;
        }
        String[] parts = path.substring(AwsOfferWriter.PATH.length()).split("/");
        CatalogueView current = catalogue.view();
        if (parts.length == 1 && parts[0].equals("index.json")) {
            try (JsonGenerator json = response.json(200)) {
                writer.offerIndex(current, json);
            }
            return;
        }
        List<AwsLayout.OfferFile> files = parts.length >= 2 ? layout.files(parts[0]) : List.of();
        if (files.isEmpty() || !parts[parts.length - 1].equals("index.json") && !path.endsWith("/region_index.json")) {
            error(response, 404, "no such key " + path);
            return;
        }
        String offer = parts[0];
        if (parts.length == 2) {
            try (JsonGenerator json = response.json(200)) {
                writer.versionIndex(current, offer, json);
            }
            return;
        }
        if (parts.length == 3) {
            CatalogueView view = versionView(current, offer, parts[1], files);
            if (view == null) {
                error(response, 404, "no such version " + parts[1] + " of " + offer);
                return;
            }
            try (JsonGenerator json = response.json(200)) {
                if (parts[2].equals("region_index.json")) {
                    writer.regionIndex(view, offer, json);
                } else {
                    writer.offerFile(view, offer, files, json);
                }
            }
            return;
        }
        if (parts.length == 4) {
            AwsLayout.OfferFile file = files.stream().filter(f -> f.region().equals(parts[2])).findFirst().orElse(null);
            CatalogueView view = file == null ? null : versionView(current, offer, parts[1], List.of(file));
            if (view == null) {
                error(response, 404, "no such file " + path);
                return;
            }
            String version = AwsVersions.id(AwsVersions.published(offer, writer.versions().lastChange(view, file)));
            if (response.notModified(offer + "-" + file.region() + "-" + version)) {
                return;
            }
            try (JsonGenerator json = response.json(200)) {
                writer.offerFile(view, offer, List.of(file), json);
            }
            return;
        }
        error(response, 404, "no such key " + path);
    }

    /** The generation a version id names for these files, or null when they have no such version. */
    private CatalogueView versionView(CatalogueView current, String offer, String version,
                                      List<AwsLayout.OfferFile> files) {
        if (version.equals("current")) {
            return current;
        }
        int g = AwsVersions.generationOf(offer, version);
        if (g < 0 || g > current.generation()) {
            return null;
        }
        CatalogueView view = catalogue.view(g);
        return writer.versions().lastChange(view, files) == g ? view : null;
    }

    @Override
    protected void error(SimResponse response, int status, String message) throws IOException {
        String code = status == 429 ? "SlowDown" : status == 404 ? "NoSuchKey" : status >= 500 ? "ServiceUnavailable"
                : "InvalidRequest";
        response.text(status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>");
    }
}
