package io.pricestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpServer;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.schemas.serde.WireFormatException;

/**
 * The client's transport: a port nobody listens on, and a plain HTTP endpoint that records headers and
 * answers like a proxy in front of a registry. The API itself is tested against the embedded registry in
 * local-stack.
 */
@Timeout(60)
class RestSchemaRegistryClientIT {

    @Test
    void shouldNameTheUrlWhenNothingListens() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);

        assertThatThrownBy(client::subjects)
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageStartingWith("cannot reach Schema Registry at " + url);
    }

    @Test
    void shouldTryTheNextUrlWhenOneIsUnreachable() throws IOException {
        String first = "http://127.0.0.1:" + closedPort();
        String second = "http://127.0.0.1:" + closedPort();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(new SchemaRegistryConfig(
                Map.of(SchemaRegistryConfig.URL, first + "," + second)));

        assertThatThrownBy(client::compatibility).hasMessageStartingWith("cannot reach Schema Registry at " + second);
    }

    @Test
    void shouldNotBlameTheRecordWhenTheRegistryIsUnreachable() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        byte[] wellFormed = {0, 0, 0, 0, 1, 0x06, 'a', 'w', 's', 0x02, 'x'};

        assertThatThrownBy(() -> PriceSerdes.priceKey(Map.of("schema.registry.url", url)).deserializer().deserialize("t", wellFormed))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(WireFormatException.class)
                .hasMessageContaining("cannot reach Schema Registry at " + url);
        assertThatThrownBy(() -> PriceSerdes.priceKey(Map.of("schema.registry.url", url)).serializer().serialize("t", new PriceKey("aws", "x")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot reach Schema Registry at " + url);
    }

    @Test
    void shouldSendBasicAuthAndReportNonJsonErrors() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean config = exchange.getRequestURI().getPath().equals("/config");
            byte[] body = (config ? "{\"compatibilityLevel\":\"FULL\"}" : "<html>Bad Gateway</html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(config ? 200 : 502, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(new SchemaRegistryConfig(Map.of(
                    SchemaRegistryConfig.URL, url, SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "svc:s3cret")));

            assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FULL);
            assertThatThrownBy(client::subjects)
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(502);
                        assertThat(e.errorCode()).isEqualTo(502);
                    })
                    .hasMessageContaining("Bad Gateway")
                    .hasMessageContaining(url + "/subjects");
            String expected = "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8));
            assertThat(authorizations).containsExactly(expected, expected);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldNameTheRegistryAndTheKeyWhenCredentialsAreRefused() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        String good = "Basic " + Base64.getEncoder().encodeToString("svc:right".getBytes(StandardCharsets.UTF_8));
        // Answers like Confluent's registry behind basic auth: 401 with its error body unless the header matches.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            boolean ok = good.equals(authorization);
            byte[] body = (ok ? "[\"prices.sku-value\"]" : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            RestSchemaRegistryClient right = new RestSchemaRegistryClient(new SchemaRegistryConfig(Map.of(
                    SchemaRegistryConfig.URL, url, SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "svc:right")));
            RestSchemaRegistryClient wrong = new RestSchemaRegistryClient(new SchemaRegistryConfig(Map.of(
                    SchemaRegistryConfig.URL, url, SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "svc:wrong")));
            RestSchemaRegistryClient none = new RestSchemaRegistryClient(url);

            assertThat(right.subjects()).containsExactly("prices.sku-value");
            assertThatThrownBy(wrong::subjects)
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                    .hasMessage("Schema Registry at " + url + " answered HTTP 401 to GET /subjects: it refused the credentials; "
                            + "check the user:password in basic.auth.user.info (or <component>.schema.registry.basic.auth.user.info)")
                    .hasMessageNotContaining("wrong");
            assertThatThrownBy(none::subjects)
                    .hasMessageContaining("Schema Registry at " + url + " answered HTTP 401")
                    .hasMessageContaining("it requires authentication; set basic.auth.user.info");
            assertThatThrownBy(() -> PriceSerdes.priceKey(Map.of(SchemaRegistryConfig.URL, url,
                    SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "svc:wrong")).serializer().serialize("t", new PriceKey("aws", "x")))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Schema Registry at " + url + " answered HTTP 401");
            assertThat(authorizations).startsWith(good, "Basic " + Base64.getEncoder().encodeToString("svc:wrong".getBytes(StandardCharsets.UTF_8)), "null");
        } finally {
            server.stop(0);
        }
    }

    /** A loopback port that was free a moment ago and is closed now. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
