package io.authwatch.runtime;

import io.authwatch.config.AuthwatchConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The five external topics (CONTRACT.md section 2) must exist before the monitor starts. Missing
 * ones are reported by their exact names, or created when {@code topics.create=true} with
 * {@code topics.partitions} partitions and {@code topics.replication} replicas; the policy topic is
 * compacted (its latest record per app is the app's policy). Kafka Streams creates its own internal
 * topics itself.
 */
public final class TopicSetup {

    private static final long TIMEOUT_SECONDS = 30;

    private final AuthwatchConfig config;

    public TopicSetup(AuthwatchConfig config) {
        this.config = config;
    }

    /** The topic names by config key, in the contract's order. */
    public Map<String, String> required() {
        final Map<String, String> topics = new LinkedHashMap<>();
        for (String key : List.of("topic.telemetry", "topic.policy", "topic.violations", "topic.enforcement",
                "topic.dlq")) {
            topics.put(key, config.string(key));
        }
        return topics;
    }

    /** Creates the missing topics or fails naming them; returns the names it created. */
    public List<String> ensure() {
        try (Admin admin = Admin.create(adminProperties(config))) {
            final Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final Set<String> missing = new TreeSet<>(required().values());
            missing.removeAll(existing);
            if (missing.isEmpty()) {
                return List.of();
            }
            if (!config.bool("topics.create")) {
                throw new StartupException("missing topics: " + String.join(", ", missing)
                        + ". Create them (the policy topic with cleanup.policy=compact), or set topics.create=true");
            }
            create(admin, missing);
            return new ArrayList<>(missing);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot list topics on " + config.string("bootstrap.servers") + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking topics", e);
        }
    }

    private void create(Admin admin, Set<String> missing) throws InterruptedException, TimeoutException {
        final int partitions = config.intValue("topics.partitions");
        final short replication = (short) config.intValue("topics.replication");
        final List<NewTopic> topics = new ArrayList<>();
        for (String name : missing) {
            final NewTopic topic = new NewTopic(name, partitions, replication);
            if (name.equals(config.string("topic.policy"))) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        }
        try {
            admin.createTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StartupException("cannot create topics " + missing + ": " + e.getCause(), e);
            }
        }
    }

    /** Admin client settings: the pass-through security keys and the bootstrap servers. */
    public static Properties adminProperties(AuthwatchConfig config) {
        final Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }
}
