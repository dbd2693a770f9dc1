package io.pricestream.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Apache Kafka cluster (KRaft, broker and controller in one node) running in this JVM on a
 * persistent log directory.
 *
 * <p>The directory is formatted only when it holds no {@code meta.properties} yet, so topics, records and
 * committed offsets survive restarts. Listeners are configured afresh on every start, so the ports may
 * change between starts. Built on {@link KafkaRaftServer} rather than {@code kafka.Kafka.main}, which would
 * exit the host JVM on errors.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "localhost";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String SASL_LISTENER = "SASL";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** What to start: the log directory, the two ports and the default partition count. */
    public record Settings(Path logDir, int port, int controllerPort, int defaultPartitions) {
    }

    /**
     * An extra client listener that requires SASL/PLAIN over plaintext, for testing clients against a secured
     * cluster; the plaintext listener stays for the broker itself.
     *
     * @param users user name → password accepted on this listener
     */
    public record SaslPlainListener(int port, Map<String, String> users) {
        public SaslPlainListener {
            users = Map.copyOf(users);
        }
    }

    private final KafkaRaftServer server;
    private final Settings settings;
    private final Optional<SaslPlainListener> sasl;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Settings settings, Optional<SaslPlainListener> sasl) {
        this.server = server;
        this.settings = settings;
        this.sasl = sasl;
    }

    /** Formats the log directory if it is new, starts the node and waits until it serves clients. */
    public static EmbeddedKafkaBroker start(Settings settings) throws Exception {
        return start(settings, Optional.empty());
    }

    /** Like {@link #start(Settings)}, with a second client listener that requires SASL/PLAIN. */
    public static EmbeddedKafkaBroker start(Settings settings, SaslPlainListener sasl) throws Exception {
        return start(settings, Optional.of(sasl));
    }

    private static EmbeddedKafkaBroker start(Settings settings, Optional<SaslPlainListener> sasl) throws Exception {
        Files.createDirectories(settings.logDir());
        KafkaConfig config = new KafkaConfig(brokerProperties(settings, sasl), false);
        if (!Files.exists(settings.logDir().resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            format(config, settings.logDir());
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, settings, sasl);
        try {
            server.startup();
            broker.awaitReady();
        } catch (Exception | Error e) {
            try {
                broker.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return HOST + ":" + settings.port();
    }

    public int port() {
        return settings.port();
    }

    /** host:port of the SASL/PLAIN listener. */
    public String saslBootstrapServers() {
        return HOST + ":" + sasl.orElseThrow(() -> new IllegalStateException("started without a SASL listener")).port();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Map<String, Object> brokerProperties(Settings settings) {
        return brokerProperties(settings, Optional.empty());
    }

    static Map<String, Object> brokerProperties(Settings settings, Optional<SaslPlainListener> sasl) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // Static voters (kraft.version 0): the controller address may change with every start.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + settings.controllerPort());
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + settings.port() + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + settings.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + settings.port());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        sasl.ifPresent(listener -> addSaslListener(props, listener));
        props.put("log.dirs", settings.logDir().toString());
        props.put("metadata.log.dir", settings.logDir().toString());
        props.put("num.partitions", Integer.toString(settings.defaultPartitions()));
        // One node: every internal topic must live with a single replica or it can never be created.
        props.put("default.replication.factor", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        // Nobody else will join a group here; waiting 3 s for them only slows every consumer start.
        props.put("group.initial.rebalance.delay.ms", "0");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> asMap = (Map) props;
        return asMap;
    }

    private static void addSaslListener(Properties props, SaslPlainListener listener) {
        props.put("listeners", props.get("listeners") + "," + SASL_LISTENER + "://" + HOST + ":" + listener.port());
        props.put("advertised.listeners", props.get("advertised.listeners") + "," + SASL_LISTENER + "://" + HOST + ":" + listener.port());
        props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + "," + SASL_LISTENER + ":SASL_PLAINTEXT");
        String prefix = "listener.name." + SASL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        props.put(prefix + "sasl.enabled.mechanisms", "PLAIN");
        // The broker's PLAIN login module accepts exactly the user_<name>="<password>" entries of its JAAS config.
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        listener.users().forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        props.put(prefix + "plain.sasl.jaas.config", jaas.append(';').toString());
    }

    private static void format(KafkaConfig config, Path logDir) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .addDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        LOG.info("Formatted Kafka log dir '{}' as cluster '{}'", logDir, clusterId);
        LOG.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8));
    }

    // startup() returns once the broker is unfenced; a metadata round trip over the advertised listener
    // proves clients can actually use it.
    private void awaitReady() throws Exception {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "pricestream-local-stack-ready-check");
        try (Admin admin = Admin.create(adminConfig)) {
            int nodes = admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            LOG.debug("Kafka at '{}' serves {} node(s)", bootstrapServers(), nodes);
        }
    }
}
