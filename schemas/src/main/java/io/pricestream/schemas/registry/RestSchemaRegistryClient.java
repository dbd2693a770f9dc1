package io.pricestream.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (JDK {@link HttpClient} + Jackson).
 *
 * <p>Schemas by id and ids by (subject, schema) never change once assigned, so both are cached for the
 * life of the client; subject listings and config are always fetched. With several URLs configured, a
 * URL that cannot be reached is skipped for the next one; an error answer is not retried.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    public RestSchemaRegistryClient(SchemaRegistryConfig config) {
        this.baseUrls = config.urls().stream().map(URI::toString).map(RestSchemaRegistryClient::withoutTrailingSlash).toList();
        this.authorization = config.basicAuthUserInfo()
                .map(userInfo -> "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        this.timeout = Duration.ofMillis(config.requestTimeoutMs());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A client for one registry URL, no authentication, default timeout. */
    public RestSchemaRegistryClient(String url) {
        this(new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, url)));
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(answer, "id");
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = requiredInt(answer, "id");
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        JsonNode answer = send("GET", path, null);
        Schema schema = parse(answer, path);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        subjects.sort(null);
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return fetchVersion(subject, Integer.toString(version));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return fetchVersion(subject, "latest");
    }

    private RegisteredSchema fetchVersion(String subject, String version) {
        String path = "/subjects/" + encode(subject) + "/versions/" + version;
        JsonNode answer = send("GET", path, null);
        Schema schema = parse(answer, path);
        int id = requiredInt(answer, "id");
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(answer.path("subject").asText(subject), requiredInt(answer, "version"), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return true; // nothing registered yet: the first schema of a subject is always accepted
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel compatibility() {
        return level(send("GET", "/config", null), "/config");
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        String path = "/config/" + encode(subject) + "?defaultToGlobal=true";
        return level(send("GET", path, null), path);
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        send("PUT", "/config", JSON.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level.name()));
    }

    private JsonNode send(String method, String path, JsonNode body) {
        SchemaRegistryUnreachableException unreachable = null;
        for (int i = 0; i < baseUrls.size(); i++) {
            String base = baseUrls.get(i);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout)
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .method(method, body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            authorization.ifPresent(value -> request.header("Authorization", value));
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                unreachable = new SchemaRegistryUnreachableException("cannot reach Schema Registry at " + base
                        + " (" + method + " " + path + "): " + describe(e), e);
                if (i + 1 < baseUrls.size()) {
                    LOG.warn("Schema Registry at '{}' unreachable, trying the next URL: {}", base, describe(e));
                }
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException("interrupted while calling Schema Registry at " + base, e);
            }
            return answer(base, method, path, response, authorization.isPresent());
        }
        throw unreachable;
    }

    private static JsonNode answer(String base, String method, String path, HttpResponse<String> response, boolean authenticated) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw refused(base, method, path, status, authenticated);
        }
        JsonNode parsed;
        try {
            parsed = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (status / 100 == 2 && parsed != null) {
            return parsed;
        }
        if (status / 100 == 2) {
            throw new SchemaRegistryException(status, -1, "Schema Registry at " + base + " answered " + method + " " + path
                    + " with a body that is not JSON: " + abbreviate(response.body()));
        }
        int errorCode = parsed != null && parsed.has("error_code") ? parsed.get("error_code").asInt() : status;
        String message = parsed != null && parsed.has("message") ? parsed.get("message").asText() : abbreviate(response.body());
        throw new SchemaRegistryException(status, errorCode, message + " (HTTP " + status + ", error_code " + errorCode
                + ", " + method + " " + base + path + ")");
    }

    // Authentication failures get their own wording: the operator's fix is a credential, not the request.
    private static SchemaRegistryException refused(String base, String method, String path, int status, boolean authenticated) {
        String keys = SchemaRegistryConfig.BASIC_AUTH_USER_INFO + " (or <component>.schema.registry." + SchemaRegistryConfig.BASIC_AUTH_USER_INFO + ")";
        String why = status == 403 ? "the credentials lack the permission; check the registry's access rules for the user in " + keys
                : authenticated ? "it refused the credentials; check the user:password in " + keys
                : "it requires authentication; set " + keys + " to user:password";
        return new SchemaRegistryException(status, status, "Schema Registry at " + base + " answered HTTP " + status + " to "
                + method + " " + path + ": " + why);
    }

    private static Schema parse(JsonNode answer, String path) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(200, -1, "schema at " + path + " is of type " + type + ", only AVRO is supported");
        }
        try {
            return new Schema.Parser().parse(answer.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(200, -1, "schema at " + path + " is not valid Avro: " + e.getMessage(), e);
        }
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, -1, "Schema Registry answer lacks '" + field + "': " + abbreviate(answer.toString()));
        }
        return value.asInt();
    }

    private static CompatibilityLevel level(JsonNode answer, String path) {
        String text = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(null));
        return CompatibilityLevel.parse(text).orElseThrow(() -> new SchemaRegistryException(200, -1,
                "unknown compatibility level '" + text + "' at " + path));
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
