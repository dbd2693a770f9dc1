package io.pricestream.cli.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.pipeline.PipelineConfig;
import io.pricestream.cli.pipeline.PipelineSettings;
import io.pricestream.cli.pipeline.PipelineStack;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.schemas.Topics;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.streams.StreamsAppConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream replay}: reprocesses the raw topics from a point in time through the current rules into
 * the database, while the live pipeline keeps running (see {@link Replay} and README.md, "pricestream replay").
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Reprocess the raw topics from --from (to --to, else to now) through the current rules into the database,",
                "next to the running pipeline: prices the database already has are left as they are (never regressed),",
                "prices it lacks (e.g. newly relevant after a rules change) are written with their history in order."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start: ISO instant (2026-11-01T00:00:00Z) or date (2026-11-01, UTC).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End (inclusive), same forms; default: the raw topics' end when the replay starts.")
    private String to;

    @Option(names = "--csp", paramLabel = "CSP", split = ",", description = "Only these CSPs' raw topics (default: pipeline.csps).")
    private List<String> csps;

    @Option(names = "--rules", paramLabel = "FILE", description = "Relevance rules to replay with (" + StreamsAppConfig.RULES_PATH + ").")
    private String rules;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Give up after this long (default 1h; e.g. 30m, PT2H).")
    private String timeout;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (" + EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS + ").")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema Registry (" + SchemaRegistryConfig.URL + ").")
    private String schemaRegistryUrl;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "PostgreSQL (" + EndpointsConfig.JDBC_URL + ").")
    private String jdbcUrl;

    @Override
    public Integer call() throws Exception {
        Instant start = time("--from", from);
        Instant end = to == null ? null : time("--to", to);
        if (end != null && end.isBefore(start)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        Duration limit = timeout == null ? Duration.ofHours(1) : io.pricestream.cli.pipeline.ScrapeInterval.parse(timeout);
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        flags.put(SchemaRegistryConfig.URL, schemaRegistryUrl);
        flags.put(EndpointsConfig.JDBC_URL, jdbcUrl);
        flags.put(StreamsAppConfig.RULES_PATH, rules);
        LoadedConfig loaded = configOptions.load(flags);
        ConfigOptions.validate(loaded, PipelineConfig.CONFIG_DEF);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        try (PipelineStack stack = PipelineStack.resolve(loaded)) {
            root.endpoints().record(EndpointKind.KAFKA, stack.endpoints().bootstrapServers());
            root.endpoints().record(EndpointKind.POSTGRES, PriceSchemaMigrator.maskedUrl(stack.endpoints().jdbcUrl()));
            PipelineSettings settings = PipelineSettings.of(loaded.values(), stack.endpoints());
            List<String> selected = csps == null ? settings.pipeline().csps() : csps.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            for (String csp : selected) {
                if (!Topics.CSPS.contains(csp)) {
                    throw new ParameterException(spec.commandLine(), "Unknown CSP '" + csp + "' in --csp: expected aws, azure or gcp");
                }
            }
            String replayId = "pricestream-replay-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
            out.println("Replay " + replayId + ": raw topics of " + String.join(", ", selected) + " from " + start + " to " + (end == null ? "now" : end) + "…");
            out.flush();
            Replay.Result result = new Replay(settings, replayId).run(selected.stream().map(settings.scrapers()::rawTopic).toList(), start, end, limit);
            out.println("Replay " + result.replayId() + " done: " + result.rawRecords() + " raw records; sink outcomes " + result.sinkOutcomes() + ".");
            out.println("Rows the database already had at the same or a newer observation are counted as 'stale' and were left unchanged.");
            if (rules != null) {
                out.println("Now restart `pricestream up` with " + StreamsAppConfig.RULES_PATH + "=" + rules + " so the live pipeline keeps the newly");
                out.println("relevant prices current; until then their next changes are not picked up.");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private Instant time(String option, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnOffsetDateTime) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new ParameterException(spec.commandLine(), option + " '" + text
                            + "' is not a time: expected e.g. 2026-11-01T00:00:00Z or 2026-11-01");
                }
            }
        }
    }
}
