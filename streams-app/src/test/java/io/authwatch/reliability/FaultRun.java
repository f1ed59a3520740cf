package io.authwatch.reliability;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PolicyPublisher;
import io.authwatch.runtime.TopicSetup;
import io.authwatch.testing.MonitorProcess;
import io.authwatch.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One fault scenario on a real broker, modelled on Apache Kafka's EOS system tests: its own
 * application id and topics, a generated {@link FaultDataset}, monitors as separate processes
 * ({@link MonitorProcess}, one state directory each) fed by a {@link TrafficFeed}, and the
 * {@link ExactlyOnceCheck} of what they published. Logs, configs and state live under
 * {@code target/fault-runs/<id>}; each run appends its figures to {@code target/fault-runs/summary.txt}.
 *
 * <p>Timings: commit every 100 ms, idle sweep every second, {@code rule.session-quiet} and
 * {@code ordering.grace} PT45S. Those two are wall-clock times: an outage longer than them makes the
 * sessions in flight look quiet (or their gaps look lost) and changes their verdicts, as the contract
 * defines them (see the README). So they are set above the longest outage a scenario causes — a
 * restart takes about 20 s here — and scenarios with several faults wait until the monitor has caught
 * up ({@link #lag()}) before the next one.
 */
final class FaultRun implements AutoCloseable {

    static final Path ROOT = Path.of("target", "fault-runs");

    private final String id;
    private final String bootstrapServers;
    private final Path runDir;
    private final FaultDataset dataset;
    private final Map<String, String> config;
    private final Topics topics;
    private final List<MonitorProcess> monitors = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Instant started = Instant.now();

    FaultRun(String scenario, String bootstrapServers, String registryUrl, FaultDataset dataset,
             Map<String, String> overrides) {
        this.id = scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.bootstrapServers = bootstrapServers;
        this.runDir = ROOT.resolve(id).toAbsolutePath();
        this.dataset = dataset;
        final Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrapServers);
        c.put("schema.registry.url", registryUrl);
        c.put("application.id", id);
        for (final String t : List.of("telemetry", "policy", "violations", "enforcement", "dlq")) {
            c.put("topic." + t, id + "." + t);
        }
        c.put("topics.partitions", "4");
        c.put("commit.interval.ms", "100");
        c.put("rule.idle-sweep", "PT1S");
        c.put("rule.session-quiet", "PT45S");
        c.put("ordering.grace", "PT45S");
        c.put("user-ref.secret", "fault-test-secret");
        // several monitors on one host: each HTTP server on a port of its own
        c.put("http.port", "0");
        c.put("http.bind", "127.0.0.1");
        c.putAll(dataset.thresholds().config());
        c.putAll(overrides);
        this.config = Map.copyOf(c);
        final AuthwatchConfig setup = AuthwatchConfig.of(config).with("topics.create", "true").validate();
        new TopicSetup(setup).ensure();
        for (final AppPathPolicy policy : dataset.policies()) {
            PolicyPublisher.publish(setup, policy);
        }
        this.topics = Topics.from(setup);
    }

    /** A monitor process of this run (not started), with its own state directory. */
    MonitorProcess monitor(String name, Map<String, String> overrides) {
        final Map<String, String> c = new HashMap<>(config);
        c.put("state.dir", stateDir(name).toString());
        c.putAll(overrides);
        final MonitorProcess monitor = new MonitorProcess(name, runDir, c);
        monitors.add(monitor);
        return monitor;
    }

    /** Where monitor {@code name} keeps its state. */
    Path stateDir(String name) {
        return runDir.resolve(name + "-state");
    }

    /** The dataset as live traffic, {@code perSecond} records a second (not started). */
    TrafficFeed feed(double perSecond) {
        final TrafficFeed feed = new TrafficFeed(bootstrapServers, topics.telemetry().name(),
                topics.telemetry().valueSerde().serializer(), dataset.events(), perSecond);
        resources.add(feed);
        return feed;
    }

    /** The exactness check of this run's outputs (reading from the start of its topics). */
    ExactlyOnceCheck check() {
        final ExactlyOnceCheck check = new ExactlyOnceCheck(bootstrapServers, topics, dataset);
        resources.add(check);
        return check;
    }

    Topics topics() {
        return topics;
    }

    /** Telemetry records not yet committed as processed by this run's monitors (their consumer group). */
    long lag() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata().get();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (final TopicPartitionInfo p : admin.describeTopics(List.of(topics.telemetry().name()))
                    .allTopicNames().get().get(topics.telemetry().name()).partitions()) {
                latest.put(new TopicPartition(topics.telemetry().name(), p.partition()), OffsetSpec.latest());
            }
            long lag = 0;
            for (final var end : admin.listOffsets(latest).all().get().entrySet()) {
                final OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    /** Whether the monitors are within about two seconds of traffic of the topic's end. */
    boolean caughtUp() {
        try {
            return lag() < 1_000;
        } catch (Exception e) {
            return false; // the broker is busy or away: not caught up as far as we can tell
        }
    }

    String id() {
        return id;
    }

    /** Appends the run's figures to the summary file and prints them. */
    void report(String faults, ExactlyOnceCheck.Outcome outcome) {
        final String line = String.format("%s %s: %s; %d telemetry records fed; violations %d read, %d distinct = %d "
                        + "expected; actions %d read, %d distinct = %d expected; %d s%n", Instant.now(), id, faults,
                dataset.events().size(), outcome.violationRecords(), outcome.distinctViolationIds(),
                dataset.expectedViolations().size(), outcome.actionRecords(), outcome.distinctActionIds(),
                dataset.expectedActions().size(), Duration.between(started, Instant.now()).toSeconds());
        System.out.print(line);
        try {
            Files.createDirectories(ROOT);
            Files.writeString(ROOT.resolve("summary.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        monitors.forEach(MonitorProcess::close);
        for (final AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing after the verdict: nothing left to protect
            }
        }
    }
}
