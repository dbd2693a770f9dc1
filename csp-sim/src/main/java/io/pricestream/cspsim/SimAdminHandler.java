package io.pricestream.cspsim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pricestream.cspsim.catalogue.AdvanceResult;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.http.FaultConfig;
import io.pricestream.cspsim.http.FaultInjector;
import io.pricestream.cspsim.http.QueryString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator's control surface under {@code /_sim/}: advance a generation, read the truth
 * counts, read or set the fault knobs. Never faulted.
 */
final class SimAdminHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SimAdminHandler.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final SimulatedClouds clouds;
    private final FaultInjector faults;

    SimAdminHandler(SimulatedClouds clouds, FaultInjector faults) {
        this.clouds = clouds;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> params = QueryString.parse(exchange.getRequestURI());
            try {
                if (path.equals("/_sim/advance") && method.equals("POST")) {
                    double share = Double.parseDouble(params.getOrDefault("share", "0.01"));
                    AdvanceResult result = clouds.advance(share);
                    LOG.info("advanced to generation '{}' with share '{}'", result.generation(), share);
                    respond(exchange, 200, json -> writeAdvance(result, json));
                } else if (path.equals("/_sim/truth") && method.equals("GET")) {
                    Csp csp = Csp.fromCode(params.getOrDefault("csp", ""));
                    CatalogueTruth truth = clouds.truth();
                    respond(exchange, 200, json -> writeTruth(csp, truth, json));
                } else if (path.equals("/_sim/faults") && method.equals("GET")) {
                    respond(exchange, 200, json -> writeFaults(faults.config(), json));
                } else if (path.equals("/_sim/faults") && method.equals("POST")) {
                    Map<String, String> knobs = new HashMap<>(params);
                    FaultConfig zero = new FaultConfig(faults.config().seed(), 0, 1, 0, 0, 0, 0, 0, 0);
                    FaultConfig config = FaultConfig.parse(knobs, zero);
                    faults.configure(config);
                    LOG.info("fault knobs set to {}", config.asMap());
                    respond(exchange, 200, json -> writeFaults(config, json));
                } else {
                    respond(exchange, 404, json -> message(json, "unknown admin request " + method + " " + path
                            + "; see csp-sim README"));
                }
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, json -> message(json, e.getMessage()));
            }
        }
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static void respond(HttpExchange exchange, int status, Body body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
            body.write(json);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, buffer.size());
        exchange.getResponseBody().write(buffer.toByteArray());
    }

    private static void message(JsonGenerator json, String message) throws IOException {
        json.writeStartObject();
        json.writeStringField("error", message);
        json.writeEndObject();
    }

    private static void writeAdvance(AdvanceResult result, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("generation", result.generation());
        perCsp(json, "changed", result.changed());
        perCsp(json, "stable", result.stable());
        perCsp(json, "addedUnits", result.addedUnits());
        perCsp(json, "removedUnits", result.removedUnits());
        json.writeEndObject();
    }

    private static void perCsp(JsonGenerator json, String field, Map<Csp, Long> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<Csp, Long> e : values.entrySet()) {
            json.writeNumberField(e.getKey().code(), e.getValue());
        }
        json.writeEndObject();
    }

    private static void writeTruth(Csp csp, CatalogueTruth truth, JsonGenerator json) throws IOException {
        Map<String, Map<String, Long>> counts = truth.countsByServiceAndRegion(csp);
        json.writeStartObject();
        json.writeStringField("csp", csp.code());
        json.writeNumberField("generation", truth.generation());
        json.writeNumberField("total", counts.values().stream().flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue).sum());
        json.writeObjectFieldStart("services");
        for (Map.Entry<String, Map<String, Long>> service : counts.entrySet()) {
            json.writeObjectFieldStart(service.getKey());
            json.writeNumberField("total", service.getValue().values().stream().mapToLong(Long::longValue).sum());
            json.writeObjectFieldStart("regions");
            for (Map.Entry<String, Long> region : service.getValue().entrySet()) {
                json.writeNumberField(region.getKey(), region.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeFaults(FaultConfig config, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> knob : config.asMap().entrySet()) {
            json.writeFieldName(knob.getKey());
            if (knob.getValue() instanceof Double d) {
                json.writeNumber(d);
            } else {
                json.writeNumber(((Number) knob.getValue()).longValue());
            }
        }
        json.writeEndObject();
    }
}
