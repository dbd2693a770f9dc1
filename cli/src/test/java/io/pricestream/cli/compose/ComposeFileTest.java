package io.pricestream.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ComponentCatalog;
import io.pricestream.cli.config.CspSimKeys;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.KafkaOverrideKeys;
import io.pricestream.cli.pipeline.PipelineConfig;
import io.pricestream.cli.pipeline.PipelineTopics;
import io.pricestream.connect.cdc.CdcConfig;
import io.pricestream.connect.sink.SinkConfig;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.localstack.LocalStackConfig;
import io.pricestream.localstack.testing.ContainerImages;
import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.streams.StreamsAppConfig;
import picocli.CommandLine;

/**
 * {@code docker-compose.yml} is consistent with the code: every service the pipeline needs exists, every
 * {@code PRICESTREAM_*} variable names a declared config key of the component that service runs, every
 * required key is set, and the servers run the images of the integration tests' container mode. There is no
 * Docker engine here to run {@code docker compose config}, so this is the check that runs on every build.
 */
class ComposeFileTest {

    // Surefire runs in the module directory; the compose file lives at the repository root.
    private static final Path COMPOSE_FILE = Path.of("..").toAbsolutePath().normalize().resolve("docker-compose.yml");

    /** Each component service with the declaration of the keys its verb reads. */
    private static final Map<String, ConfigDef> COMPONENTS = Map.of(
            "migrate", EndpointsConfig.CONFIG_DEF,
            "scrapers", ScraperConfig.CONFIG_DEF,
            "scrapers-demo", ScraperConfig.CONFIG_DEF,
            "streams", StreamsAppConfig.CONFIG_DEF,
            "sink", SinkConfig.CONFIG_DEF,
            "cdc", CdcConfig.CONFIG_DEF,
            "csp-sim", CspSimKeys.CONFIG_DEF);

    /** Keys every component may read besides its own: the shared endpoints and the registry client's. */
    private static final List<ConfigDef> SHARED = List.of(EndpointsConfig.CONFIG_DEF, SchemaRegistryConfig.CONFIG_DEF);

    /** A value that is only a reference to a variable of the environment / .env file, e.g. {@code ${X:?msg}}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*(?::?[-?][^}]*)?}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|API_KEY|USER_INFO|JAAS).*");

    private static final String CLUSTER_ENV_SECTION = "# --- pricestream against an existing, secured";

    private static JsonNode services;
    private static JsonNode compose;

    @BeforeAll
    static void readComposeFile() throws IOException {
        compose = new YAMLMapper().readTree(COMPOSE_FILE.toFile());
        services = compose.path("services");
    }

    @Test
    void shouldDeclareEveryServiceOfThePipeline() {
        assertThat(fieldNames(services)).contains(
                "kafka", "schema-registry", "topics", "postgres", "migrate", "scrapers", "streams", "sink", "cdc", "csp-sim");
        for (String core : List.of("kafka", "schema-registry", "topics", "postgres", "migrate", "streams", "sink", "cdc")) {
            assertThat(services.path(core).has("profiles")).as("%s starts without a profile", core).isFalse();
        }
        assertThat(profiles("csp-sim")).containsExactly("demo");
        assertThat(profiles("scrapers-demo")).containsExactly("demo");
        // Never both scrapers in one profile: each CSP's run must have a single writer.
        assertThat(profiles("scrapers")).doesNotContainAnyElementsOf(profiles("scrapers-demo"));
    }

    @Test
    void shouldRunEachComponentFromTheOneImageWithItsVerb() {
        String image = services.path("migrate").path("image").asText();
        for (String service : COMPONENTS.keySet()) {
            assertThat(services.path(service).path("image").asText()).as("image of %s", service).isEqualTo(image);
            assertThat(services.path(service).path("build").asText()).as("build context of %s", service).isEqualTo(".");
        }
        assertThat(command("migrate")).containsExactly("db", "migrate");
        assertThat(command("streams")).containsExactly("streams");
        assertThat(command("sink")).containsExactly("sink");
        assertThat(command("cdc")).containsExactly("cdc");
        assertThat(command("csp-sim")).startsWith("csp-sim").contains("--port", "--scale", "--seed");
        for (String scrapers : List.of("scrapers", "scrapers-demo")) {
            assertThat(String.join(" ", command(scrapers))).as("command of %s", scrapers)
                    .contains("java -jar /app/pricestream.jar scrape all");
        }
    }

    @Test
    void shouldRunVerbsAndOptionsTheCliHas() {
        CommandLine pricestream = PricestreamCommand.commandLine(Map.of(), Path.of(""));
        for (String service : List.of("streams", "sink", "cdc", "csp-sim")) {
            assertThat(pricestream.getSubcommands()).as("verb of %s", service).containsKey(command(service).get(0));
        }
        assertThat(pricestream.getSubcommands().get("db").getSubcommands()).containsKey("migrate");
        assertThat(pricestream.getSubcommands()).containsKey("scrape");
        CommandLine cspSim = pricestream.getSubcommands().get("csp-sim");
        for (String argument : command("csp-sim")) {
            if (argument.startsWith("--")) {
                assertThat(cspSim.getCommandSpec().findOption(argument)).as("csp-sim option %s", argument).isNotNull();
            }
        }
    }

    @Test
    void shouldSetOnlyKeysTheCliReadsFromTheEnvironment() {
        Set<String> read = new TreeSet<>();
        ComponentCatalog.knownKeys().forEach(key -> read.add(ComponentConfig.envName(key)));
        Set<String> ignored = new TreeSet<>();
        for (String service : fieldNames(services)) {
            environment(service).keySet().stream()
                    .filter(variable -> variable.startsWith("PRICESTREAM_") && !read.contains(variable))
                    .forEach(variable -> ignored.add(service + "." + variable));
        }
        assertThat(ignored).as("PRICESTREAM_* variables the config loader never reads (ComponentCatalog)").isEmpty();
    }

    @Test
    void shouldCreateTheTopicsPricestreamUpCreates() {
        String script = command("topics").get(0);
        Matcher spec = Pattern.compile("\"([a-z0-9._]+) (\\S+) (\\S+)\"").matcher(script);
        Map<String, String> created = new TreeMap<>();
        while (spec.find()) {
            String partitions = spec.group(2).equals("${KAFKA_PARTITIONS:-3}") ? "3" : spec.group(2);
            String configs = spec.group(3).equals("-") ? "" : spec.group(3);
            created.put(spec.group(1), partitions + " " + configs);
        }
        Map<String, String> expected = new TreeMap<>();
        PipelineTopics.of(new PipelineConfig(Map.of()), Topics.allRaw(), Topics.RUNS, Topics.SKU, Topics.CHANGES, Topics.DLQ)
                .forEach(topic -> expected.put(topic.name(), topic.partitions() + " " + String.join(",",
                        new TreeMap<>(topic.configs()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));

        assertThat(created).isEqualTo(expected);
        assertThat(script).contains("--bootstrap-server kafka:9092", "--if-not-exists", "--replication-factor 1");
        assertThat(services.path("topics").path("image").asText()).isEqualTo(ContainerImages.KAFKA);
    }

    @Test
    void shouldSetOnlyDeclaredKeysOfTheServicesOwnComponent() {
        for (Map.Entry<String, ConfigDef> component : COMPONENTS.entrySet()) {
            Map<String, String> keysByVariable = keysByVariable(component.getValue());
            Set<String> undeclared = new TreeSet<>();
            environment(component.getKey()).keySet().stream()
                    .filter(variable -> variable.startsWith("PRICESTREAM_"))
                    .filter(variable -> !keysByVariable.containsKey(variable))
                    .forEach(undeclared::add);
            assertThat(undeclared).as("PRICESTREAM_* variables of %s that no key of its component declares", component.getKey())
                    .isEmpty();
        }
        for (String server : List.of("kafka", "schema-registry", "postgres")) {
            assertThat(environment(server).keySet()).as(server).noneMatch(variable -> variable.startsWith("PRICESTREAM_"));
        }
    }

    @Test
    void shouldSetEveryRequiredKeyOfEachComponent() {
        for (Map.Entry<String, ConfigDef> component : COMPONENTS.entrySet()) {
            Set<String> missing = new TreeSet<>();
            component.getValue().configKeys().values().stream()
                    .filter(key -> key.defaultValue == ConfigDef.NO_DEFAULT_VALUE)
                    .map(key -> ComponentConfig.envName(key.name))
                    .filter(variable -> !environment(component.getKey()).containsKey(variable))
                    .forEach(missing::add);
            assertThat(missing).as("required keys not set for %s", component.getKey()).isEmpty();
        }
        // Optional in the code, because unset means "use the embedded local stack", which a container must not.
        assertThat(environment("migrate")).containsKeys(variable(EndpointsConfig.JDBC_URL), variable(EndpointsConfig.JDBC_USER),
                variable(EndpointsConfig.JDBC_PASSWORD));
        for (String scrapers : List.of("scrapers", "scrapers-demo")) {
            assertThat(environment(scrapers)).as(scrapers)
                    .containsKeys(variable(ScraperConfig.BOOTSTRAP_SERVERS), variable(ScraperConfig.SCHEMA_REGISTRY_URL));
        }
    }

    @Test
    void shouldReachTheServersByTheirServiceNames() {
        assertThat(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("INTERNAL://kafka:9092");
        assertThat(environment("kafka").get("KAFKA_INTER_BROKER_LISTENER_NAME")).isEqualTo("INTERNAL");
        assertThat(environment("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).isEqualTo("PLAINTEXT://kafka:9092");
        assertThat(environment("scrapers").get(variable(ScraperConfig.BOOTSTRAP_SERVERS))).isEqualTo("kafka:9092");
        assertThat(environment("scrapers-demo").get(variable(ScraperConfig.BOOTSTRAP_SERVERS))).isEqualTo("kafka:9092");
        assertThat(environment("streams").get(variable(StreamsAppConfig.BOOTSTRAP_SERVERS))).isEqualTo("kafka:9092");
        assertThat(environment("sink").get(variable(SinkConfig.BOOTSTRAP_SERVERS))).isEqualTo("kafka:9092");
        assertThat(environment("cdc").get(variable(CdcConfig.BOOTSTRAP_SERVERS))).isEqualTo("kafka:9092");

        String registry = "http://schema-registry:8081";
        assertThat(environment("scrapers").get(variable(ScraperConfig.SCHEMA_REGISTRY_URL))).isEqualTo(registry);
        assertThat(environment("scrapers-demo").get(variable(ScraperConfig.SCHEMA_REGISTRY_URL))).isEqualTo(registry);
        assertThat(environment("streams").get(variable(StreamsAppConfig.SCHEMA_REGISTRY_URL))).isEqualTo(registry);
        assertThat(environment("sink").get(variable(SinkConfig.SCHEMA_REGISTRY_URL))).isEqualTo(registry);
        assertThat(environment("cdc").get(variable(CdcConfig.SCHEMA_REGISTRY_URL))).isEqualTo(registry);

        String database = "jdbc:postgresql://postgres:5432/" + environment("postgres").get("POSTGRES_DB");
        assertThat(environment("migrate").get(variable(EndpointsConfig.JDBC_URL))).isEqualTo(database);
        assertThat(environment("sink").get(variable(SinkConfig.JDBC_URL))).isEqualTo(database);
        assertThat(environment("cdc").get(variable(CdcConfig.JDBC_URL))).isEqualTo(database);
        String user = environment("postgres").get("POSTGRES_USER");
        assertThat(environment("migrate").get(variable(EndpointsConfig.JDBC_USER))).isEqualTo(user);
        assertThat(environment("sink").get(variable(SinkConfig.JDBC_USER))).isEqualTo(user);
        assertThat(environment("cdc").get(variable(CdcConfig.JDBC_USER))).isEqualTo(user);
    }

    @Test
    void shouldPointTheDemoScrapersAtTheSimulator() {
        assertThat(command("csp-sim")).containsSubsequence("--host", "0.0.0.0").containsSubsequence("--port", "8080");
        for (String csp : Topics.CSPS) {
            assertThat(environment("scrapers-demo").get(variable(ScraperConfig.endpointKey(csp)))).as(csp)
                    .isEqualTo("http://csp-sim:8080");
            assertThat(environment("scrapers")).as("the live scrapers use the real %s API", csp)
                    .doesNotContainKey(variable(ScraperConfig.endpointKey(csp)));
        }
        assertThat(environment("scrapers-demo").get(variable(ScraperConfig.GCP_API_KEY)))
                .as("the demo scrapers send the key the simulator accepts")
                .isEqualTo(environment("csp-sim").get(variable(CspSimConfig.GCP_API_KEY)));
        assertThat(dependsOn("scrapers-demo").path("csp-sim").path("condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void shouldPublishPortsAndCheckHealthOfEveryServer() {
        for (String server : List.of("kafka", "schema-registry", "postgres", "csp-sim")) {
            assertThat(services.path(server).path("ports").size()).as("ports of %s", server).isPositive();
            assertThat(services.path(server).path("healthcheck").path("test").size()).as("healthcheck of %s", server).isPositive();
        }
        assertThat(String.join(" ", strings(services.path("postgres").path("healthcheck").path("test")))).contains("pg_isready");
    }

    @Test
    void shouldStartComponentsOnlyWhenWhatTheyNeedIsReady() {
        assertThat(dependsOn("migrate").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn("topics").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        for (String oneShot : List.of("migrate", "topics")) {
            assertThat(services.path(oneShot).path("restart").asText()).as("%s is a one-shot", oneShot).isEqualTo("no");
        }
        for (String service : List.of("sink", "cdc")) {
            assertThat(dependsOn(service).path("migrate").path("condition").asText()).as(service)
                    .isEqualTo("service_completed_successfully");
        }
        for (String service : List.of("scrapers", "scrapers-demo", "streams", "sink", "cdc")) {
            assertThat(dependsOn(service).path("kafka").path("condition").asText()).as(service).isEqualTo("service_healthy");
            assertThat(dependsOn(service).path("schema-registry").path("condition").asText()).as(service).isEqualTo("service_healthy");
            assertThat(dependsOn(service).path("topics").path("condition").asText()).as(service)
                    .isEqualTo("service_completed_successfully");
        }
        assertThat(dependsOn("schema-registry").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void shouldKeepStateInNamedVolumes() {
        Set<String> declared = fieldNames(compose.path("volumes"));
        assertThat(strings(services.path("kafka").path("volumes")))
                .contains("kafka-data:" + environment("kafka").get("KAFKA_LOG_DIRS"));
        assertThat(strings(services.path("postgres").path("volumes"))).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(strings(services.path("streams").path("volumes")))
                .contains("streams-state:" + environment("streams").get(variable(StreamsAppConfig.STATE_DIR)));
        for (String service : fieldNames(services)) {
            for (String mount : strings(services.path(service).path("volumes"))) {
                String source = mount.substring(0, mount.indexOf(':'));
                assertThat(declared).as("volume %s of %s is a declared named volume", source, service).contains(source);
            }
        }
    }

    @Test
    void shouldRunPostgresWithLogicalDecodingForTheCdc() {
        List<String> command = command("postgres");
        assertThat(command).startsWith("postgres").contains("wal_level=logical");
        assertThat(command).anyMatch(argument -> argument.startsWith("max_replication_slots="))
                .anyMatch(argument -> argument.startsWith("max_wal_senders="));
    }

    @Test
    void shouldRunKafkaAsOneKraftNodeWithSingleReplicaInternalTopics() {
        Map<String, String> kafka = environment("kafka");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        assertThat(kafka.get("CLUSTER_ID")).as("a KRaft node needs a cluster id to format its storage").isNotBlank();
    }

    @Test
    void shouldKeepSecretsOutOfTheFile() {
        Map<String, ConfigDef.Type> typeByVariable = new HashMap<>();
        allDefinitions().forEach(definition -> definition.configKeys().values()
                .forEach(key -> typeByVariable.put(ComponentConfig.envName(key.name), key.type)));
        List<String> literals = new ArrayList<>();
        for (String service : fieldNames(services)) {
            environment(service).forEach((variable, value) -> {
                boolean secret = typeByVariable.get(variable) == ConfigDef.Type.PASSWORD || SECRET_NAME.matcher(variable).matches();
                if (secret && !REFERENCE.matcher(value).matches()) {
                    literals.add(service + "." + variable);
                }
            });
        }
        assertThat(literals).as("secrets given as literals instead of ${VARIABLE} references").isEmpty();

        // The database password has no default anywhere: compose refuses to start without it.
        for (String service : List.of("postgres", "migrate", "sink", "cdc")) {
            environment(service).forEach((variable, value) -> {
                if (variable.endsWith("PASSWORD")) {
                    assertThat(value).as("%s.%s", service, variable).startsWith("${POSTGRES_PASSWORD:?");
                }
            });
        }
    }

    @Test
    void shouldRunTheImagesOfTheIntegrationTestsContainerMode() {
        assertThat(services.path("kafka").path("image").asText()).isEqualTo(ContainerImages.KAFKA);
        assertThat(services.path("schema-registry").path("image").asText()).isEqualTo(ContainerImages.SCHEMA_REGISTRY);
        assertThat(services.path("postgres").path("image").asText()).isEqualTo(ContainerImages.POSTGRES);
    }

    @Test
    void shouldDocumentOnlyVariablesTheComposeFileReads() throws IOException {
        String composeText = Files.readString(COMPOSE_FILE);
        Pattern setting = Pattern.compile("(?m)^#?[ \\t]*([A-Z][A-Z0-9_]*)=");
        List<String> unused = new ArrayList<>();
        Matcher matcher = setting.matcher(envExample()[0]);
        while (matcher.find()) {
            if (!composeText.contains("${" + matcher.group(1))) {
                unused.add(matcher.group(1));
            }
        }
        assertThat(unused).as(".env.example variables that docker-compose.yml never references").isEmpty();
        assertThat(composeText).contains("${POSTGRES_PASSWORD:?");
    }

    @Test
    void shouldDocumentOnlyKeysTheComponentsReadInTheClusterEnvExample() throws IOException {
        String[] parts = envExample();
        assertThat(parts).as(".env.example keeps its section on secured clusters, marked '" + CLUSTER_ENV_SECTION + "'").hasSize(2);
        Matcher matcher = Pattern.compile("(?m)^#[ \\t]*([A-Z][A-Z0-9_]*)=").matcher(parts[1]);
        Map<String, String> envByKey = new HashMap<>();
        ComponentCatalog.knownKeys().forEach(key -> envByKey.put(ComponentConfig.envName(key), key));
        List<String> variables = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        while (matcher.find()) {
            String variable = matcher.group(1);
            variables.add(variable);
            if (!envByKey.containsKey(variable)
                    && KafkaOverrideKeys.fromEnvironment(Map.of(variable, "x"), ComponentCatalog.knownKeys()).isEmpty()) {
                unread.add(variable);
            }
        }
        assertThat(variables).as("the secured-cluster example shows the Kafka pass-through").contains("PRICESTREAM_KAFKA_SECURITY_PROTOCOL");
        assertThat(unread).as("variables of the secured-cluster example that no component reads").isEmpty();
    }

    /**
     * .env.example split at its section on secured clusters: before it, the variables docker compose substitutes; in it,
     * examples of the components' own PRICESTREAM_* variables for `docker run --env-file`, which compose never reads.
     */
    private static String[] envExample() throws IOException {
        String text = Files.readString(COMPOSE_FILE.resolveSibling(".env.example"));
        int section = text.indexOf(CLUSTER_ENV_SECTION);
        return section < 0 ? new String[] {text} : new String[] {text.substring(0, section), text.substring(section)};
    }

    private static List<ConfigDef> allDefinitions() {
        List<ConfigDef> definitions = new ArrayList<>(COMPONENTS.values());
        definitions.addAll(SHARED);
        definitions.add(LocalStackConfig.CONFIG_DEF);
        return definitions;
    }

    private static Map<String, String> keysByVariable(ConfigDef own) {
        Map<String, String> keys = new HashMap<>();
        List<ConfigDef> readable = new ArrayList<>(SHARED);
        readable.add(own);
        readable.forEach(definition -> definition.names().forEach(key -> keys.put(ComponentConfig.envName(key), key)));
        return keys;
    }

    private static String variable(String key) {
        return ComponentConfig.envName(key);
    }

    private static Map<String, String> environment(String service) {
        JsonNode environment = services.path(service).path("environment");
        assertThat(environment.isMissingNode() || environment.isObject())
                .as("environment of %s is a map (NAME: value)", service).isTrue();
        Map<String, String> variables = new LinkedHashMap<>();
        environment.fields().forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        return variables;
    }

    private static List<String> command(String service) {
        JsonNode command = services.path(service).path("command");
        assertThat(command.isArray()).as("command of %s is a list", service).isTrue();
        return strings(command);
    }

    private static List<String> profiles(String service) {
        return strings(services.path(service).path("profiles"));
    }

    private static JsonNode dependsOn(String service) {
        return services.path(service).path("depends_on");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
