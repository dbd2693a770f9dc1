package io.pricestream.localstack.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.pricestream.schemas.registry.CompatibilityLevel;
import io.pricestream.schemas.registry.RegisteredSchema;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryException;

/**
 * The Confluent Schema Registry REST API (the subset the pipeline and its tools use) over a
 * {@link RegistryState}: routes, request bodies, and answers and error bodies shaped like Confluent's
 * ({@code {"error_code":40403,"message":"Schema 7 not found"}} with HTTP 404).
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final RegistryState state;

    RegistryHttpHandler(RegistryState state) {
        this.state = state;
    }

    /** A JSON answer and its status. */
    private record Answer(int status, JsonNode body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }
    }

    /** One request, its path split into decoded segments. */
    private record Request(String method, List<String> path, Map<String, String> query, HttpExchange exchange) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = route(request(exchange));
        } catch (SchemaRegistryException e) {
            answer = error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Schema Registry failed on '{} {}'", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            answer = error(500, 500, "Internal Server Error: " + e);
        }
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Answer route(Request request) throws IOException {
        List<String> path = request.path();
        String head = path.isEmpty() ? "" : path.get(0);
        switch (head) {
            case "":
                return path.isEmpty() ? only(request, "GET", () -> Answer.ok(JSON.createObjectNode())) : notFound();
            case "subjects":
                return subjects(request);
            case "schemas":
                return schemas(request);
            case "compatibility":
                return compatibility(request);
            case "config":
                return config(request);
            default:
                return notFound();
        }
    }

    private Answer subjects(Request request) throws IOException {
        List<String> path = request.path();
        if (path.size() == 1) {
            return only(request, "GET", () -> Answer.ok(strings(state.subjects())));
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            return only(request, "POST", () -> {
                RegisteredSchema found = state.lookup(subject, schemaOf(request));
                return Answer.ok(describe(found));
            });
        }
        if (!"versions".equals(path.get(2))) {
            return notFound();
        }
        if (path.size() == 3) {
            if ("POST".equals(request.method())) {
                RegisteredSchema registered = state.register(subject, schemaOf(request));
                return Answer.ok(JSON.createObjectNode().put("id", registered.id()));
            }
            return only(request, "GET", () -> {
                ArrayNode versions = JSON.createArrayNode();
                state.versions(subject).forEach(versions::add);
                return Answer.ok(versions);
            });
        }
        if (path.size() == 4 || (path.size() == 5 && "schema".equals(path.get(4)))) {
            boolean schemaOnly = path.size() == 5;
            return only(request, "GET", () -> {
                RegisteredSchema found = state.version(subject, versionNumber(path.get(3)));
                return Answer.ok(schemaOnly ? JSON.readTree(found.schema().toString()) : describe(found));
            });
        }
        return notFound();
    }

    private Answer schemas(Request request) throws IOException {
        List<String> path = request.path();
        if (path.size() == 2 && "types".equals(path.get(1))) {
            return only(request, "GET", () -> Answer.ok(strings(List.of("AVRO"))));
        }
        if (path.size() < 3 || path.size() > 4 || !"ids".equals(path.get(1))) {
            return notFound();
        }
        int id;
        try {
            id = Integer.parseInt(path.get(2));
        } catch (NumberFormatException e) {
            return notFound();
        }
        if (path.size() == 3) {
            return only(request, "GET", () -> Answer.ok(JSON.createObjectNode().put("schema", state.schemaById(id).toString())));
        }
        if ("schema".equals(path.get(3))) {
            return only(request, "GET", () -> Answer.ok(JSON.readTree(state.schemaById(id).toString())));
        }
        return notFound();
    }

    private Answer compatibility(Request request) throws IOException {
        List<String> path = request.path();
        if (path.size() < 4 || path.size() > 5 || !"subjects".equals(path.get(1)) || !"versions".equals(path.get(3))) {
            return notFound();
        }
        String subject = path.get(2);
        return only(request, "POST", () -> {
            Optional<Integer> version = path.size() == 5 ? Optional.of(versionNumber(path.get(4))) : Optional.empty();
            List<String> problems = state.compatibilityProblems(subject, schemaOf(request), version);
            ObjectNode body = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            if ("true".equalsIgnoreCase(request.query().get("verbose"))) {
                body.set("messages", strings(problems));
            }
            return Answer.ok(body);
        });
    }

    private Answer config(Request request) throws IOException {
        List<String> path = request.path();
        if (path.size() > 2) {
            return notFound();
        }
        String subject = path.size() == 2 ? path.get(1) : null;
        if ("PUT".equals(request.method())) {
            JsonNode body = bodyOf(request);
            String wanted = body.path("compatibility").asText(null);
            CompatibilityLevel level = CompatibilityLevel.parse(wanted).orElseThrow(() -> new SchemaRegistryException(422,
                    SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. Valid values are none, "
                    + "backward, forward, full, backward_transitive, forward_transitive, and full_transitive"));
            state.setCompatibility(subject, level);
            return Answer.ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        return only(request, "GET", () -> {
            CompatibilityLevel level;
            if (subject == null) {
                level = state.globalCompatibility();
            } else {
                Optional<CompatibilityLevel> own = state.subjectCompatibility(subject);
                if (own.isEmpty() && !"true".equalsIgnoreCase(request.query().get("defaultToGlobal"))) {
                    throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                            "Subject '" + subject + "' does not have subject-level compatibility configured");
                }
                level = own.orElseGet(state::globalCompatibility);
            }
            return Answer.ok(JSON.createObjectNode().put("compatibilityLevel", level.name()));
        });
    }

    /** Reads and parses the request's {@code schema} field as Avro (top-level unions included). */
    private static Schema schemaOf(Request request) throws IOException {
        JsonNode body = bodyOf(request);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema type " + type + ": this registry serves AVRO only");
        }
        if (body.path("references").size() > 0) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: schema references are not supported; inline the referenced types");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: the request has no \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        }
    }

    private static JsonNode bodyOf(Request request) throws IOException {
        byte[] bytes;
        try (InputStream in = request.exchange().getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new SchemaRegistryException(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new SchemaRegistryException(400, 400, "Request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(400, 400, "Unrecognized or malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** A version path segment: a positive number, or {@code latest} / {@code -1} for the newest. */
    private static int versionNumber(String segment) {
        if ("latest".equals(segment) || "-1".equals(segment)) {
            return -1;
        }
        try {
            int version = Integer.parseInt(segment);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '" + segment
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static ObjectNode describe(RegisteredSchema schema) {
        return JSON.createObjectNode().put("subject", schema.subject()).put("version", schema.version())
                .put("id", schema.id()).put("schema", schema.schema().toString());
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A handler of one method; any other method is answered 405 as Confluent's server does. */
    private interface Action {
        Answer run() throws IOException;
    }

    private static Answer only(Request request, String method, Action action) throws IOException {
        if (!method.equals(request.method())) {
            return error(405, 405, "HTTP 405 Method Not Allowed");
        }
        return action.run();
    }

    private static Answer notFound() {
        return error(404, 404, "HTTP 404 Not Found");
    }

    private static Answer error(int status, int errorCode, String message) {
        return new Answer(status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static Request request(HttpExchange exchange) {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            Arrays.stream(rawQuery.split("&")).map(pair -> pair.split("=", 2)).forEach(pair -> query.put(
                    URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
        }
        return new Request(exchange.getRequestMethod(), segments, query, exchange);
    }
}
