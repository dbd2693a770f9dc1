package io.pricestream.cli.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's missing topics and reports how existing ones differ from what the pipeline
 * expects. Existing topics are never altered: changing partitions or cleanup policy of a live topic is an
 * operator's decision (more partitions move keys to other partitions), so drift is only reported.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;

    /** What provisioning did: topics created, and one line per difference found on existing topics. */
    public record Report(List<String> created, List<String> drift) {
    }

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    public Report provision(List<TopicSpec> wanted) {
        Set<String> existing = call(admin.listTopics().names(), "list topics");
        List<String> created = new ArrayList<>();
        List<TopicSpec> missing = wanted.stream().filter(spec -> !existing.contains(spec.name())).toList();
        for (TopicSpec spec : missing) {
            if (create(spec)) {
                created.add(spec.name());
                LOG.info("Created topic '{}': {} partitions, replication {}, {}", spec.name(), spec.partitions(),
                        spec.replicationFactor(), spec.configs());
            }
        }
        List<TopicSpec> present = wanted.stream().filter(spec -> existing.contains(spec.name())).toList();
        List<String> drift = drift(present);
        drift.forEach(line -> LOG.warn("Topic drift: {}", line));
        return new Report(List.copyOf(created), List.copyOf(drift));
    }

    private boolean create(TopicSpec spec) {
        NewTopic topic = new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(spec.replicationFactor()))
                .configs(spec.configs());
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // created concurrently by another instance: fine
            }
            throw new KafkaException("Cannot create topic '" + spec.name() + "' (" + spec.partitions() + " partitions, replication "
                    + spec.replicationFactor() + "): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + TIMEOUT_SECONDS + " s creating topic '" + spec.name() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating topic '" + spec.name() + "'", e);
        }
    }

    private List<String> drift(Collection<TopicSpec> present) {
        if (present.isEmpty()) {
            return List.of();
        }
        List<String> names = present.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = call(admin.describeTopics(names).allTopicNames(), "describe topics " + names);
        List<ConfigResource> resources = names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = call(admin.describeConfigs(resources).all(), "describe configs of " + names);
        List<String> drift = new ArrayList<>();
        for (TopicSpec spec : present) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                drift.add(spec.name() + ": " + partitions + " partitions, configured " + spec.partitions()
                        + " (pipeline.topics.partitions; existing topics are not changed)");
            }
            int replication = description.partitions().get(0).replicas().size();
            if (replication != spec.replicationFactor()) {
                drift.add(spec.name() + ": replication factor " + replication + ", configured " + spec.replicationFactor());
            }
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            Map<String, String> actual = config.entries().stream()
                    .filter(entry -> entry.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
            spec.configs().forEach((key, value) -> {
                if (!value.equals(actual.get(key))) {
                    drift.add(spec.name() + ": " + key + "=" + actual.get(key) + ", expected " + value);
                }
            });
        }
        return drift;
    }

    private static <T> T call(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + TIMEOUT_SECONDS + " s to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while trying to " + what, e);
        }
    }
}
