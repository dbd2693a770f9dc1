package io.pricestream.cli.price;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.ComponentEndpoints;
import io.pricestream.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream price <csp> <sku-or-price-id>}: the current row(s) of {@code infra_price} whose price_id or
 * sku_id is the given id, each with its price periods from {@code infra_price_history}; readable, or {@code --json}.
 */
@Command(name = "price", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Show the stored price(s) with this price_id or sku_id, and their history.",
                "Exits 2 when no price matches."})
public final class PriceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "CSP", description = "aws, azure or gcp.")
    private String csp;

    @Parameters(index = "1", paramLabel = "ID", description = "A price_id, or a sku_id (every price of that SKU).")
    private String id;

    @Option(names = "--json", description = "Print JSON: {\"csp\", \"id\", \"prices\": [row + \"history\": [periods]]}.")
    private boolean json;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Database to read (" + EndpointsConfig.JDBC_URL + ").")
    private String jdbcUrl;

    @Override
    public Integer call() throws SQLException, IOException {
        String cloud = csp.toLowerCase(Locale.ROOT);
        if (!Topics.CSPS.contains(cloud)) {
            throw new ParameterException(spec.commandLine(), "Unknown CSP '" + csp + "': expected aws, azure or gcp");
        }
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(EndpointsConfig.JDBC_URL, jdbcUrl);
        LoadedConfig loaded = configOptions.load(flags);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        List<PriceLookup.Found> found;
        try (ComponentEndpoints endpoints = ComponentEndpoints.resolve(loaded, EndpointsConfig.CONFIG_DEF,
                ComponentEndpoints.keys(null, null, EndpointsConfig.JDBC_URL, EndpointsConfig.JDBC_USER, EndpointsConfig.JDBC_PASSWORD),
                root.endpoints())) {
            EndpointsConfig config = new EndpointsConfig(endpoints.settings());
            found = PriceLookup.find(config.jdbcUrl().orElseThrow(), config.jdbcUser(), config.jdbcPassword(), cloud, id);
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("error: no " + cloud + " price with price_id or sku_id '" + id + "' in api_price.infra_price");
            spec.commandLine().getErr().flush();
            return ExitCodes.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(out, cloud, found);
        } else {
            found.forEach(price -> PriceText.print(out, price));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void printJson(PrintWriter out, String cloud, List<PriceLookup.Found> found) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        mapper.getFactory().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("csp", cloud);
        document.put("id", id);
        document.put("prices", found.stream().map(price -> {
            Map<String, Object> row = new LinkedHashMap<>();
            price.row().forEach((column, value) -> row.put(column, jsonValue(mapper, column, value)));
            row.put("history", price.history().stream().map(period -> {
                Map<String, Object> shown = new LinkedHashMap<>();
                period.forEach((column, value) -> shown.put(column, jsonValue(mapper, column, value)));
                return shown;
            }).toList());
            return row;
        }).toList());
        out.println(mapper.writeValueAsString(document));
    }

    /** Timestamps as ISO-8601 text, the jsonb attributes as a JSON object, numbers exact. */
    private static Object jsonValue(ObjectMapper mapper, String column, Object value) {
        if (value == null || value instanceof BigDecimal || value instanceof Long) {
            return value;
        }
        if (column.equals("attributes")) {
            try {
                return mapper.readTree(value.toString());
            } catch (IOException e) {
                return value.toString();
            }
        }
        return value.toString();
    }
}
