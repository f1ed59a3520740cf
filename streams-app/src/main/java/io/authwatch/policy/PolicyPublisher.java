package io.authwatch.policy;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.runtime.StartupException;
import io.authwatch.runtime.TopicSetup;
import io.authwatch.topology.Topic;
import io.authwatch.topology.Topics;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes a path policy to {@code topic.policy}, keyed by its appId ({@code "*"} for the platform
 * default), its value in the Confluent wire format: the monitor picks it up as soon as it reads it.
 * The topic must exist (the message says so by name when it does not).
 */
public final class PolicyPublisher {

    private static final long TIMEOUT_SECONDS = 30;

    private PolicyPublisher() {
    }

    /**
     * {@code policy apply} (CONTRACT.md section 6): publishes {@code policy} unless the policy topic
     * already holds a version for its appId that is not lower, which is refused naming both versions
     * (a stale file must not silently roll a policy back) unless {@code force}. The check and the
     * publish are two steps: two operators applying at the same moment are not serialised.
     */
    public static Applied apply(AuthwatchConfig config, AppPathPolicy policy, boolean force) {
        final Optional<AppPathPolicy> current = PolicyInForce.of(config, policy.getAppId());
        if (current.isPresent() && policy.getVersion() <= current.get().getVersion() && !force) {
            throw new InvalidPolicyException("version " + policy.getVersion() + " of app '" + policy.getAppId()
                    + "' is not greater than version " + current.get().getVersion() + " in force on "
                    + Topics.from(config).policy().name() + ": refused (a rollback is the old rules under a new "
                    + "version; --force publishes it anyway)");
        }
        return new Applied(publish(config, policy), current.map(AppPathPolicy::getVersion));
    }

    /**
     * What {@link #apply} did.
     *
     * @param at              where the policy landed
     * @param previousVersion the version it replaced, if any
     */
    public record Applied(RecordMetadata at, Optional<Long> previousVersion) {
    }

    /** Publishes {@code policy} and returns where it landed once the broker acknowledged it. */
    public static RecordMetadata publish(AuthwatchConfig config, AppPathPolicy policy) {
        final Topic<String, AppPathPolicy> topic = Topics.from(config).policy();
        requireTopic(config, topic.name());
        final Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.string("bootstrap.servers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, AppPathPolicy> producer = new KafkaProducer<>(p,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            return producer.send(new ProducerRecord<>(topic.name(), policy.getAppId(), policy))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new StartupException("cannot publish the policy to " + topic.name() + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new StartupException("the broker did not acknowledge the policy within " + TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while publishing the policy", e);
        }
    }

    static void requireTopic(AuthwatchConfig config, String name) {
        try (Admin admin = Admin.create(TopicSetup.adminProperties(config))) {
            final Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!names.contains(name)) {
                throw new StartupException("the policy topic " + name + " does not exist on "
                        + config.string("bootstrap.servers") + " (create it compacted, or run the monitor once "
                        + "with topics.create=true)");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot reach Kafka at " + config.string("bootstrap.servers") + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking the policy topic", e);
        }
    }
}
