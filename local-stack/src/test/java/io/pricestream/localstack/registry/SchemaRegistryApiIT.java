package io.pricestream.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.localstack.LocalStackException;
import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.CompatibilityLevel;
import io.pricestream.schemas.registry.RegisteredSchema;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryException;

/** The REST API over a real loopback socket, state in memory; answers checked as Confluent's clients see them. */
@Timeout(60)
class SchemaRegistryApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    private static final String V2_REQUIRED = "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"qty\",\"type\":\"int\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0, InMemorySchemaStore::new);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldAnswerTheRootWithAnEmptyObject() throws Exception {
        HttpResponse<String> response = call("GET", "/", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + registry.port());
    }

    @Test
    void shouldRegisterListAndFetchLikeConfluent() throws Exception {
        assertThat(call("POST", "/subjects/items-value/versions", schemaBody(V1)).body()).isEqualTo("{\"id\":1}");
        assertThat(call("POST", "/subjects/items-value/versions", schemaBody(V1)).body()).isEqualTo("{\"id\":1}");
        assertThat(call("POST", "/subjects/other-value/versions", schemaBody(V1)).body()).isEqualTo("{\"id\":1}");
        assertThat(call("POST", "/subjects/items-value/versions", schemaBody(V2)).body()).isEqualTo("{\"id\":2}");

        assertThat(json(call("GET", "/subjects", null))).isEqualTo(JSON.readTree("[\"items-value\",\"other-value\"]"));
        assertThat(call("GET", "/subjects/items-value/versions", null).body()).isEqualTo("[1,2]");
        JsonNode latest = json(call("GET", "/subjects/items-value/versions/latest", null));
        assertThat(latest.get("subject").asText()).isEqualTo("items-value");
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(new Schema.Parser().parse(V2));
        assertThat(json(call("GET", "/subjects/items-value/versions/1", null)).get("id").asInt()).isEqualTo(1);
        assertThat(json(call("GET", "/schemas/ids/1", null)).get("schema").asText()).isEqualTo(new Schema.Parser().parse(V1).toString());
        assertThat(json(call("GET", "/schemas/ids/2/schema", null))).isEqualTo(JSON.readTree(V2));
        assertThat(json(call("GET", "/subjects/items-value/versions/1/schema", null))).isEqualTo(JSON.readTree(V1));

        JsonNode found = json(call("POST", "/subjects/other-value", schemaBody(V1)));
        assertThat(found.get("id").asInt()).isEqualTo(1);
        assertThat(found.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAnswerConfluentErrorBodies() throws Exception {
        call("POST", "/subjects/items-value/versions", schemaBody(V1));

        assertError(call("GET", "/schemas/ids/42", null), 404, 40403, "Schema 42 not found");
        assertError(call("GET", "/subjects/nope/versions", null), 404, 40401, "Subject 'nope' not found.");
        assertError(call("GET", "/subjects/items-value/versions/7", null), 404, 40402, "Version 7 not found.");
        assertError(call("POST", "/subjects/items-value", schemaBody(V2)), 404, 40403, "Schema not found");
        assertError(call("GET", "/subjects/items-value/versions/zero", null), 422, 42202, "is not a valid version id");
        assertError(call("POST", "/subjects/items-value/versions", schemaBody("{\"type\":\"record\",\"name\":\"X\"}")), 422, 42201, "Invalid schema");
        assertError(call("POST", "/subjects/items-value/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201, "PROTOBUF");
        assertError(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203, "Invalid compatibility level");
        assertError(call("POST", "/subjects/items-value/versions", "not json"), 400, 400, "malformed JSON");
        assertError(call("GET", "/nothing/here", null), 404, 404, "HTTP 404 Not Found");
        assertError(call("DELETE", "/subjects/items-value", null), 405, 405, "HTTP 405 Method Not Allowed");
        assertError(call("GET", "/config/items-value", null), 404, 40408, "does not have subject-level compatibility");
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() throws Exception {
        call("POST", "/subjects/items-value/versions", schemaBody(V1));

        HttpResponse<String> refused = call("POST", "/subjects/items-value/versions", schemaBody(V2_REQUIRED));

        assertError(refused, 409, 409, "Schema being registered is incompatible with an earlier schema for subject \"items-value\"");
        assertThat(refused.body()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(call("GET", "/subjects/items-value/versions", null).body()).isEqualTo("[1]");
    }

    @Test
    void shouldCheckCompatibilityAgainstAVersion() throws Exception {
        call("POST", "/subjects/items-value/versions", schemaBody(V1));

        assertThat(call("POST", "/compatibility/subjects/items-value/versions/latest", schemaBody(V2)).body())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(call("POST", "/compatibility/subjects/items-value/versions/1", schemaBody(V2_REQUIRED)).body())
                .isEqualTo("{\"is_compatible\":false}");
        JsonNode verbose = json(call("POST", "/compatibility/subjects/items-value/versions/latest?verbose=true", schemaBody(V2_REQUIRED)));
        assertThat(verbose.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertError(call("POST", "/compatibility/subjects/nope/versions/latest", schemaBody(V1)), 404, 40401, "Subject 'nope' not found.");
    }

    @Test
    void shouldKeepGlobalAndSubjectLevels() throws Exception {
        assertThat(call("GET", "/config", null).body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(call("PUT", "/config/items-value", "{\"compatibility\":\"none\"}").body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(call("GET", "/config/items-value", null).body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(call("GET", "/config/other-value?defaultToGlobal=true", null).body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        call("POST", "/subjects/items-value/versions", schemaBody(V1));
        assertThat(call("POST", "/subjects/items-value/versions", schemaBody(V2_REQUIRED)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeTheRestClientIncludingTopLevelUnions() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

        int raw = client.register("prices.raw.aws-value", RawRecords.VALUE_SCHEMA);
        int sku = client.register("prices.sku-value", SkuPrice.getClassSchema());

        assertThat(client.register("prices.raw.gcp-value", RawRecords.VALUE_SCHEMA)).isEqualTo(raw);
        assertThat(new RestSchemaRegistryClient(registry.url()).schemaById(raw)).isEqualTo(RawRecords.VALUE_SCHEMA);
        assertThat(client.lookupId("prices.sku-value", SkuPrice.getClassSchema())).isEqualTo(sku);
        assertThat(client.subjects()).containsExactly("prices.raw.aws-value", "prices.raw.gcp-value", "prices.sku-value");
        assertThat(client.versions("prices.sku-value")).containsExactly(1);
        assertThat(client.latest("prices.sku-value")).isEqualTo(new RegisteredSchema("prices.sku-value", 1, sku, SkuPrice.getClassSchema()));
        assertThat(client.version("prices.raw.aws-value", 1).id()).isEqualTo(raw);
        assertThat(client.isCompatible("prices.sku-value", SkuPrice.getClassSchema())).isTrue();
        assertThat(client.isCompatible("brand.new-value", SkuPrice.getClassSchema())).isTrue();
        assertThat(client.isCompatible("prices.sku-value", RawRecords.VALUE_SCHEMA)).as("a union containing the old record reads it").isTrue();
        assertThat(client.isCompatible("prices.sku-value", PriceKey.getClassSchema())).isFalse();

        client.setCompatibility(CompatibilityLevel.FULL_TRANSITIVE);
        client.setCompatibility("prices.sku-value", CompatibilityLevel.FORWARD);
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.compatibility("prices.sku-value")).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(client.compatibility("prices.raw.aws-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);

        assertThatThrownBy(() -> client.schemaById(999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageContaining("Schema 999 not found")
                .hasMessageContaining(registry.url());
    }

    @Test
    void shouldGiveOneIdAndOneVersionWhenManyClientsRegisterAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String subject = "concurrent-" + (i % 2) + "-value";
                ids.add(pool.submit(() -> new RestSchemaRegistryClient(registry.url()).register(subject, SkuPrice.getClassSchema())));
            }
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get(30, TimeUnit.SECONDS));
            }

            assertThat(distinct).hasSize(1);
            assertThat(call("GET", "/subjects/concurrent-0-value/versions", null).body()).isEqualTo("[1]");
            assertThat(call("GET", "/subjects/concurrent-1-value/versions", null).body()).isEqualTo("[1]");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldLeaveNagleOffForEveryJdkHttpServerOfTheJvm() {
        // The JDK reads this once, when the JVM's first HTTP server is created; the registry usually is that first
        // server (before csp-sim in `up --demo` and the benchmark), and with Nagle on every small response waits
        // ~40 ms for the client's delayed ACK. A user's explicit setting is kept.
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }

    @Test
    void shouldNameThePortWhenItIsTaken() {
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.start("127.0.0.1", registry.port(), InMemorySchemaStore::new))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("port " + registry.port() + " is in use");
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, int errorCode, String messagePart) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(iterable(body.fieldNames())).containsExactly("error_code", "message");
        assertThat(body.get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).contains(messagePart);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
