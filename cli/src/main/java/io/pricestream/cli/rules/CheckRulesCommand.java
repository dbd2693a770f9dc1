package io.pricestream.cli.rules;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.ComponentEndpoints;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.streams.StreamsAppConfig;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.Rule;
import io.pricestream.streams.rules.RulesCheck;
import io.pricestream.streams.rules.RulesFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream rules check FILE}: validates a relevance rules file (exit 2 naming the line and rule of the
 * first problem), then, unless {@code --validate-only}, counts what each rule would do to the latest scrape
 * run(s) on the raw topics: a bounded read of the last {@code --max-records} records of each raw topic
 * ({@link RawTopicSample}), prices grouped by run, the {@code --runs} newest runs of each topic counted.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Validate a rules file; then count, per rule, the prices of the latest scrape run(s) it keeps or removes.",
                "Counting reads the last --max-records records of each raw topic (bounded); --validate-only skips it.",
                "Exits 2 when the file is invalid, naming the line and rule."})
public final class CheckRulesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "Rules file (YAML).")
    private Path file;

    @Option(names = "--validate-only", description = "Only validate the file; do not read the raw topics.")
    private boolean validateOnly;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "Newest runs per raw topic to count (default ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--max-records", paramLabel = "N", defaultValue = "200000",
            description = "Records read from the end of each raw topic at most (default ${DEFAULT-VALUE}).")
    private long maxRecords;

    @Option(names = "--topics", paramLabel = "TOPIC", split = ",", description = "Raw topics to read (" + StreamsAppConfig.RAW_TOPICS + ").")
    private List<String> topics;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        Path path = root.workingDirectory().resolve(file);
        RelevanceRules rules;
        try {
            rules = RulesCheck.of(path).rules();
        } catch (RulesFileException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage() + RuleNames.at(path, e.path()).map(name -> " [rule '" + name + "']").orElse(""));
            err.flush();
            return ExitCodes.USAGE;
        }
        out.println(path + ": valid (" + rules.includeRules().size() + " include, " + rules.excludeRules().size() + " exclude rules)");
        out.flush();
        if (validateOnly) {
            return ExitCodes.OK;
        }
        if (runs < 1 || maxRecords < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs and --max-records must be at least 1");
        }
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(StreamsAppConfig.RAW_TOPICS, topics == null ? null : String.join(",", topics));
        LoadedConfig loaded = configOptions.load(flags);
        try (ComponentEndpoints endpoints = ComponentEndpoints.resolve(loaded, StreamsAppConfig.CONFIG_DEF,
                ComponentEndpoints.keys(StreamsAppConfig.BOOTSTRAP_SERVERS, StreamsAppConfig.SCHEMA_REGISTRY_URL, null, null, null),
                root.endpoints())) {
            StreamsAppConfig config = new StreamsAppConfig(endpoints.settings());
            Deserializer<SpecificRecord> values = PriceSerdes.rawValue(new RestSchemaRegistryClient(config.schemaRegistry())).deserializer();
            List<RulesCheck> counted = new ArrayList<>();
            for (String topic : config.rawTopics()) {
                RawTopicSample.Result sample = RawTopicSample.read(config.bootstrapServers(), config.kafkaOverrides(), topic, maxRecords, values,
                        () -> new RulesCheck(rules));
                describe(out, sample).forEach(counted::add);
            }
            printCounts(out, rules, counted);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** One line per topic: which runs are counted; returns their checks. */
    private List<RulesCheck> describe(PrintWriter out, RawTopicSample.Result sample) {
        if (sample.missing()) {
            out.println("  " + sample.topic() + ": no such topic, skipped");
            return List.of();
        }
        List<String> latest = sample.latestRuns(runs);
        if (latest.isEmpty()) {
            out.println("  " + sample.topic() + ": no prices in the last " + maxRecords + " records");
            return List.of();
        }
        List<String> shown = new ArrayList<>();
        List<RulesCheck> checks = new ArrayList<>();
        for (String run : latest) {
            RulesCheck check = sample.checks().get(run);
            checks.add(check);
            shown.add("run " + run + " (" + check.report().prices() + " prices"
                    + (sample.truncatedRuns().contains(run) ? ", only partly read: raise --max-records" : "") + ")");
        }
        out.println("  " + sample.topic() + ": " + String.join(", ", shown)
                + (sample.undecodable() > 0 ? "; " + sample.undecodable() + " undecodable records skipped" : ""));
        return checks;
    }

    private static void printCounts(PrintWriter out, RelevanceRules rules, List<RulesCheck> checks) {
        long prices = 0;
        long kept = 0;
        Map<String, long[]> perRule = new LinkedHashMap<>();
        Map<String, Rule.Action> actions = new LinkedHashMap<>();
        for (RulesCheck check : checks) {
            RulesCheck.Report report = check.report();
            prices += report.prices();
            kept += report.kept();
            for (RulesCheck.RuleCount rule : report.rules()) {
                long[] counts = perRule.computeIfAbsent(rule.name(), name -> new long[2]);
                counts[0] += rule.matched();
                counts[1] += rule.decided();
                actions.put(rule.name(), rule.action());
            }
        }
        if (checks.isEmpty()) {
            // No run to count: still list the rules, so the output shows what the file holds.
            new RulesCheck(rules).report().rules().forEach(rule -> {
                perRule.put(rule.name(), new long[2]);
                actions.put(rule.name(), rule.action());
            });
        }
        out.println(String.format(Locale.ROOT, "%d prices counted, %d kept, %d dropped", prices, kept, prices - kept));
        out.println(String.format(Locale.ROOT, "  %-8s %-40s %10s %10s", "action", "rule", "matched", "kept/rem."));
        perRule.forEach((name, counts) -> out.println(String.format(Locale.ROOT, "  %-8s %-40s %10d %10d",
                actions.get(name).name().toLowerCase(Locale.ROOT), name, counts[0], counts[1])));
    }
}
