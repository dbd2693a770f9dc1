package io.pricestream.cli.error;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

import io.pricestream.connect.schema.PriceSchemaException;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.cspsim.CspSimConfigException;
import io.pricestream.localstack.LocalStackException;
import io.pricestream.schemas.registry.SchemaRegistryException;
import io.pricestream.schemas.registry.SchemaRegistryUnreachableException;
import io.pricestream.scrapers.core.ScrapeException;

/**
 * Maps an exception that ended a verb to a {@link Failure} when its cause chain shows a known condition:
 * bad configuration, an endpoint that cannot be reached, a component that refused to start. Anything else
 * is unknown and keeps its stack trace (see {@link ExitCodeErrorHandler}).
 *
 * <p>The whole chain is searched rather than the top exception, because clients wrap: Flyway wraps
 * PgJDBC's {@code PSQLException} (SQLState 08001) which wraps {@code ConnectException}; Kafka's admin
 * client surfaces an unreachable broker as a {@code TimeoutException} inside an {@code ExecutionException}.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static Optional<Failure> classify(Throwable error, Endpoints endpoints) {
        List<Throwable> chain = chain(error);
        for (Throwable t : chain) {
            if (t instanceof ConfigException || t instanceof CspSimConfigException) {
                return Optional.of(new Failure(ExitCodes.USAGE, t.getMessage()));
            }
        }
        for (Throwable t : chain) {
            // Our own local stack failing to start names the part, port and path; a connection error inside it is detail.
            if (t instanceof LocalStackException) {
                return Optional.of(new Failure(ExitCodes.FAILED, oneLine(t)));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SchemaRegistryUnreachableException) {
                // The registry client's message already reads "cannot reach Schema Registry at <url>: ...".
                return Optional.of(new Failure(ExitCodes.UNREACHABLE, firstLine(t.getMessage())));
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return Optional.of(new Failure(ExitCodes.UNREACHABLE, postgresDetail(chain, sql, endpoints)));
            }
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                // Reached, but it refused us: the fix is the kafka.* / <component>.kafka.* security settings.
                return Optional.of(new Failure(ExitCodes.UNREACHABLE, "Kafka at "
                        + endpoints.get(EndpointKind.KAFKA).orElse("its bootstrap servers") + " refused pricestream's "
                        + (t instanceof AuthenticationException ? "credentials" : "request") + " (check the kafka.* security settings): "
                        + firstLine(t.getMessage())));
            }
            if (t instanceof SchemaRegistryException registry && (registry.httpStatus() == 401 || registry.httpStatus() == 403)) {
                // The client's message names the registry URL and the credential keys.
                return Optional.of(new Failure(ExitCodes.UNREACHABLE, firstLine(t.getMessage())));
            }
            if (t instanceof TimeoutException) {
                return Optional.of(new Failure(ExitCodes.UNREACHABLE, "cannot reach Kafka at "
                        + endpoints.get(EndpointKind.KAFKA).orElse("its bootstrap servers") + ": " + firstLine(t.getMessage())));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof HttpConnectTimeoutException) {
                // With one known endpoint the refusal must be about it; otherwise the outermost message says what was called.
                Optional<String> where = endpoints.single().map(e -> e.getKey().displayName() + " at " + e.getValue());
                return Optional.of(new Failure(ExitCodes.UNREACHABLE, where.isPresent()
                        ? "cannot reach " + where.get() + ": " + firstLine(t.toString())
                        : "cannot connect: " + oneLine(error)));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof BindException) {
                // The outermost message says what wanted the port ("cannot listen on 127.0.0.1:8089 (sim.port)").
                return Optional.of(new Failure(ExitCodes.FAILED, oneLine(error) + (error == t ? "" : ": " + t.getMessage())));
            }
            if (t instanceof PriceSchemaException) {
                return Optional.of(new Failure(ExitCodes.FAILED, oneLine(t)));
            }
            if (t instanceof ScrapeException) {
                return Optional.of(new Failure(ExitCodes.RUN_NOT_OK, oneLine(t)));
            }
        }
        return Optional.empty();
    }

    // The migrator already says "Cannot reach PostgreSQL at <url without password> as user ..."; reuse it.
    private static String postgresDetail(List<Throwable> chain, SQLException sql, Endpoints endpoints) {
        for (Throwable t : chain) {
            if (t instanceof PriceSchemaException && t.getMessage() != null && t.getMessage().startsWith("Cannot reach")) {
                return "c" + firstLine(t.getMessage()).substring(1);
            }
        }
        return "cannot reach PostgreSQL at " + endpoints.get(EndpointKind.POSTGRES).map(PriceSchemaMigrator::maskedUrl)
                .orElse("its JDBC URL") + ": " + firstLine(sql.getMessage());
    }

    private static String oneLine(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage().replace('\n', ' ');
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
