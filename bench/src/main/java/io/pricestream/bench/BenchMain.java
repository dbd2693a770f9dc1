package io.pricestream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.pricestream.bench.pipeline.BenchRules;
import io.pricestream.bench.report.Environment;
import io.pricestream.bench.report.JsonReport;
import io.pricestream.bench.report.MarkdownReport;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.sink.BenchDatabase;
import io.pricestream.bench.sink.DebeziumJdbcSinkStage;
import io.pricestream.localstack.LocalStack;
import io.pricestream.localstack.LocalStackConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Entry point of the benchmark harness: starts one local stack on a temporary data dir, runs the named
 * scenarios on it and writes {@code results.json} and {@code results.md} to the output directory.
 */
@Command(name = "pricestream-bench", mixinStandardHelpOptions = true,
        description = "Measures pricestream's stages against their physical limits and against peers.")
public final class BenchMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Scenarios to run, in order (default: sink). Known: ${COMPLETION-CANDIDATES}",
            completionCandidates = ScenarioNames.class)
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--scale", description = "Records per scenario (default: ${DEFAULT-VALUE}).", defaultValue = "200000")
    long scale;

    @Option(names = "--out", description = "Output directory (default: bench-results/<UTC timestamp>).")
    Path out;

    @Option(names = "--fsync", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run PostgreSQL with fsync=on and synchronous_commit=on (default: ${DEFAULT-VALUE}); --no-fsync turns both off.")
    boolean fsync;

    @Option(names = "--partitions", description = "Partitions of every benchmark topic (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int partitions;

    @Option(names = "--seed", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).", defaultValue = "20261122")
    long seed;

    @Option(names = "--sink-batch-records", description = "sink.batch.max.records of our sink (default: ${DEFAULT-VALUE}).", defaultValue = "5000")
    int sinkBatchRecords;

    @Option(names = "--rules", paramLabel = "product-regions|default|FILE", defaultValue = BenchRules.PRODUCT_REGIONS,
            description = "Relevance rules of the pipeline scenarios (default: ${DEFAULT-VALUE}: the bundled rules in three "
                    + "regions per CSP, ~2.4 %% of csp-sim's prices as issue 8 sets it); 'default' = the bundled rules as they are.")
    String rules;

    /** Picocli's list of known scenario names for the help text. */
    static final class ScenarioNames extends ArrayList<String> {
        ScenarioNames() {
            super(ScenarioCatalog.names());
        }
    }

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        // Kafka and Connect leave non-daemon threads behind; the run is over
        System.exit(exit);
    }

    static CommandLine commandLine() {
        return new CommandLine(new BenchMain());
    }

    /** The options as given, validated; the scenario list defaults to {@code sink}. */
    BenchOptions options(Instant startedAt) {
        List<String> names = scenarios.isEmpty() ? List.of("sink") : scenarios;
        ScenarioCatalog.resolve(names);
        return new BenchOptions(names, scale, out == null ? BenchOptions.defaultOut(startedAt) : out, fsync, partitions, seed,
                sinkBatchRecords, rules);
    }

    @Override
    public Integer call() throws IOException {
        Instant startedAt = Instant.now();
        BenchOptions options = options(startedAt);
        String loadBefore = loadAverages();
        Path dataDir = Files.createTempDirectory("pricestream-bench-");
        RunReport.Builder report = new RunReport.Builder(startedAt, options.scenarios(), options.scale());
        Map<String, String> facts = new LinkedHashMap<>();
        boolean failed = false;
        try (LocalStack stack = LocalStack.start(new LocalStackConfig(Map.of(
                LocalStackConfig.DATA_DIR, dataDir.toString(),
                LocalStackConfig.KAFKA_PORT, 0, LocalStackConfig.POSTGRES_PORT, 0, LocalStackConfig.REGISTRY_PORT, 0,
                LocalStackConfig.POSTGRES_FSYNC, options.fsync())))) {
            BenchDatabase database = new BenchDatabase(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
            facts.put("kafka", AppInfoParser.getVersion() + " (in-process KRaft broker, local-stack)");
            facts.put("postgresql", database.queryString("SHOW server_version") + " (embedded, local-stack)");
            facts.put("debezium jdbc sink", DebeziumJdbcSinkStage.debeziumVersion());
            facts.put("postgres fsync / synchronous_commit", database.queryString("SHOW fsync") + " / "
                    + database.queryString("SHOW synchronous_commit"));
            facts.put("partitions per topic", Integer.toString(options.partitions()));
            Path workDir = Files.createDirectories(dataDir.resolve("bench"));
            BenchContext context = new BenchContext(stack, options, workDir);
            for (Scenario scenario : ScenarioCatalog.resolve(options.scenarios())) {
                LOG.info("Running scenario '{}' at scale {}", scenario.name(), options.scale());
                try {
                    scenario.run(context, report);
                } catch (Exception e) {
                    failed = true;
                    LOG.error("Scenario '{}' failed", scenario.name(), e);
                    report.note("scenario '" + scenario.name() + "' FAILED: " + e);
                }
            }
        } finally {
            deleteRecursively(dataDir);
        }
        facts.put("load average before (1/5/15 min)", loadBefore);
        facts.put("load average after (1/5/15 min)", loadAverages());
        RunReport result = report.build(Environment.capture(facts));
        Path outDir = Files.createDirectories(options.out());
        String markdown = MarkdownReport.render(result);
        Files.writeString(outDir.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("results.json"), JsonReport.render(result), StandardCharsets.UTF_8);
        System.out.println(markdown);
        System.out.println("Results written to " + outDir.toAbsolutePath());
        return failed ? 1 : 0;
    }

    /** {@code /proc/loadavg}'s three load averages where it exists (Linux), else the JVM's 1-minute figure. */
    static String loadAverages() {
        Path proc = Path.of("/proc/loadavg");
        try {
            if (Files.isReadable(proc)) {
                String[] fields = Files.readString(proc).trim().split("\\s+");
                return fields[0] + " / " + fields[1] + " / " + fields[2];
            }
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", proc, e.getMessage());
        }
        return Environment.loadAverage();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary data dir '{}': {}", dir, e.getMessage());
        }
    }
}
