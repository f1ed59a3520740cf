package io.authwatch.loadtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.embedded.BrokerProcess;
import io.authwatch.simulator.GeneratorSettings;
import io.authwatch.simulator.GroundTruth;
import io.authwatch.simulator.TrafficGenerator;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.AuthwatchTopology;
import io.authwatch.topology.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's phases, in the order that puts the headline figures first:
 * <ol>
 *   <li>preload the throughput input (policies first);</li>
 *   <li>for exactly_once_v2 at 100 ms (the production setting), then — with the matrix —
 *       at_least_once at 100 ms and both at 1 s: the pass-through baseline, then the monitor, each
 *       from offset 0 with fresh state; the first monitor run is also scored for accuracy;</li>
 *   <li>the live phase: the monitor fed at a fixed rate (half the sustained rate) for latency;</li>
 *   <li>the scale phase: a dataset where every visit is a new user, for memory and state growth.</li>
 * </ol>
 */
final class Benchmark {

    static final String POLICY_TOPIC = "bench.policy";
    private static final String PRIMARY_GUARANTEE = "exactly_once_v2";
    private static final long PRIMARY_COMMIT_MS = 100;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

    private final BenchmarkMain.Options options;
    private final Path workDir;
    private final HeapWatch heap = new HeapWatch();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> counters = new LinkedHashMap<>();
    private final String registryUrl;
    private int runNumber;
    private String bootstrap;
    private Properties clientOverrides = new Properties();

    Benchmark(BenchmarkMain.Options options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        this.registryUrl = options.registry().startsWith("mock://")
                ? options.registry() + "-" + UUID.randomUUID() : options.registry();
    }

    BenchReport run() throws IOException {
        final String started = Instant.now().toString();
        final long t0 = System.nanoTime();
        BrokerProcess broker = null;
        try {
            if (options.bootstrap() == null) {
                broker = BrokerProcess.start(workDir.resolve("broker"), 0, options.brokerHeap());
                bootstrap = broker.bootstrapServers();
                notes.add("Embedded KRaft broker in a child process (heap " + options.brokerHeap()
                        + "), on the same machine as the monitor.");
            } else {
                bootstrap = options.bootstrap();
            }
            clientOverrides = clientOverrides();
            try (BenchCluster cluster = new BenchCluster(bootstrap, clientOverrides)) {
                return phases(cluster, started, t0);
            }
        } finally {
            if (broker != null) {
                stop(broker);
            }
        }
    }

    private static void stop(BrokerProcess broker) {
        try {
            broker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BenchReport phases(BenchCluster cluster, String started, long t0) {
        final String loadBefore = loadAverage();
        cluster.createTopics(List.of(POLICY_TOPIC), 1, Map.of("cleanup.policy", "compact"));
        final GeneratorSettings throughputSettings = GeneratorSettings.builder().seed(options.seed()).apps(options.apps())
                .users(options.users()).totalEvents(options.events()).visitsPerSecond(50)
                .startTime(pastStart(options.events(), 50)).build();
        final String input = "bench.telemetry";
        final TrafficGenerator generator = new TrafficGenerator(throughputSettings);
        final BenchReport.Dataset dataset = preload(cluster, generator, input, Map.of());
        System.out.printf("preloaded %,d records (%,d users, %,d planted) in %.1f s%n", dataset.records(),
                dataset.distinctUsers(), dataset.planted(), dataset.preloadSeconds());

        final List<StreamsRun.Result> runs = new ArrayList<>();
        final Map<String, Double> ratios = new LinkedHashMap<>();
        final Accuracy accuracy = pair(cluster, input, dataset.records(), PRIMARY_GUARANTEE, PRIMARY_COMMIT_MS, runs,
                ratios, generator.groundTruth());
        if (options.matrix()) {
            pair(cluster, input, dataset.records(), "at_least_once", 100, runs, ratios, null);
            pair(cluster, input, dataset.records(), PRIMARY_GUARANTEE, 1000, runs, ratios, null);
            pair(cluster, input, dataset.records(), "at_least_once", 1000, runs, ratios, null);
        }
        final LivePhase.Result live = options.liveSeconds() > 0 ? live(cluster, runs.get(1)) : null;
        final BenchReport.Scale scale = options.scaleEvents() > 0 ? scale(cluster) : null;
        notes.add("Load average (1, 5, 15 min) of the machine: " + loadBefore + " at the start, " + loadAverage()
                + " at the end; the " + Runtime.getRuntime().availableProcessors()
                + " cores are shared with the broker and with whatever else runs there.");
        return new BenchReport(started, (System.nanoTime() - t0) / 1e9, MachineInfo.current(), options, dataset, runs,
                ratios, accuracy, counters, live, scale, notes);
    }

    /** The baseline then the monitor under one guarantee and commit interval; scores accuracy when given the truth. */
    private Accuracy pair(BenchCluster cluster, String input, long records, String guarantee, long commitMs,
                          List<StreamsRun.Result> runs, Map<String, Double> ratios, GroundTruth truth) {
        final AuthwatchConfig baselineConfig = config("baseline", input, guarantee, commitMs);
        createOutputs(cluster, baselineConfig);
        final String passThroughTopic = "bench.passthrough." + runNumber;
        cluster.createTopics(List.of(passThroughTopic), options.partitions(), Map.of());
        final StreamsRun.Result baseline;
        try (StreamsRun run = new StreamsRun("baseline", m -> PassThroughTopology.build(Topics.from(baselineConfig),
                passThroughTopic), baselineConfig, cluster, input, heap).start()) {
            baseline = run.awaitConsumed(records, RUN_TIMEOUT);
        }
        print(baseline);
        final AuthwatchConfig config = config("authwatch", input, guarantee, commitMs);
        createOutputs(cluster, config);
        final Topics topics = Topics.from(config);
        StreamsRun.Result monitor;
        Accuracy accuracy = null;
        try (StreamsRun run = new StreamsRun("authwatch", m -> AuthwatchTopology.build(config, m), config, cluster,
                input, heap);
             ViolationReader reader = truth == null ? null : new ViolationReader(cluster, topics)) {
            monitor = run.start().awaitConsumed(records, RUN_TIMEOUT);
            if (reader != null) {
                reader.awaitSettled(settleTime(config), Duration.ofSeconds(10), Duration.ofMinutes(5));
                accuracy = Accuracy.score(truth, reader.violations());
                counters.put("authwatch_events_total", run.counter("authwatch_events"));
                counters.put("authwatch_duplicate_events_total", run.counter("authwatch_duplicate_events"));
                counters.put("authwatch_sequence_gaps_total", run.counter("authwatch_sequence_gaps"));
                counters.put("authwatch_dlq_records_total", run.counter("authwatch_dlq_records"));
                System.out.printf("accuracy: precision %.4f recall %.4f (%d planted, %d detected)%n",
                        accuracy.precision(), accuracy.recall(), accuracy.planted(), accuracy.detected());
            }
        }
        print(monitor);
        runs.add(baseline);
        runs.add(monitor);
        ratios.put(guarantee + " @ " + commitMs + " ms", monitor.sustainedEventsPerSecond()
                / baseline.sustainedEventsPerSecond());
        return accuracy;
    }

    private LivePhase.Result live(BenchCluster cluster, StreamsRun.Result primary) {
        final double rate = options.liveRate() > 0 ? options.liveRate() : primary.sustainedEventsPerSecond() / 2;
        final long total = (long) (rate * options.liveSeconds());
        // a visit has ~8 events, so at rate/32 visits per second of event time, event time runs about four
        // times faster than the wall clock: a displaced event (≤ 5 s of event time late) arrives well inside
        // the monitor's 10 s of wall-clock ordering grace, and a session's pauses (up to ~45 s around a
        // forced window) inside its 30 s of wall-clock session quiet, as for users on the real platform
        final double visitsPerSecond = Math.max(1, rate / 32);
        final GeneratorSettings settings = GeneratorSettings.builder().seed(options.seed() + 1).apps(options.apps())
                .users(options.users()).totalEvents(total).visitsPerSecond(visitsPerSecond)
                .startTime(pastStart(total, visitsPerSecond)).build();
        final TrafficGenerator generator = new TrafficGenerator(settings);
        publishPolicies(cluster, generator);
        final String input = "bench.telemetry.live";
        cluster.createTopics(List.of(input), options.partitions(), Map.of("message.timestamp.type", "LogAppendTime"));
        final AuthwatchConfig config = config("authwatch-live", input, PRIMARY_GUARANTEE, PRIMARY_COMMIT_MS);
        createOutputs(cluster, config);
        System.out.printf("live phase: %.0f events/s for %d s%n", rate, options.liveSeconds());
        final LivePhase.Result result = LivePhase.run(cluster, config, heap, generator, rate, settleTime(config));
        System.out.printf("live: offered %.0f/s, immediate detections %s, precision %.4f recall %.4f%n",
                result.offeredRate(), result.latency().get(io.authwatch.simulator.PlantedViolation.Decision.IMMEDIATE),
                result.accuracy().precision(), result.accuracy().recall());
        return result;
    }

    /** About how many violations the scale run plants (see {@link #scale}). */
    static final double SCALE_PLANTED = 10_000;
    /** The scale run's planting and near-miss rates per visit of a violating app, before the cap. */
    private static final double SCALE_PLANT_RATE = 0.2;
    private static final double SCALE_NEAR_MISS_RATE = 0.05;
    private static final double SCALE_VIOLATING_APPS = 0.1;
    /** Visits per record of the scale run's short visits (about 5 records each). */
    private static final double SCALE_VISITS_PER_RECORD = 0.2;

    /**
     * Short visits (about 5 records each), nearly all by new users: as many distinct users per record
     * as is realistic, so 10 M users take about 53 M records. The user pool is four times the records,
     * so that even the most visited apps (visits are skewed towards popular apps) rarely meet a user
     * twice. The planting rate (and the near-miss
     * rate with it) is capped so that about {@value #SCALE_PLANTED} violations are planted however long
     * the run: the benchmark keeps the ground truth and the violations it reads in its own heap, which is
     * measured with the monitor's.
     */
    private BenchReport.Scale scale(BenchCluster cluster) {
        final double plantRate = Math.min(SCALE_PLANT_RATE,
                SCALE_PLANTED / (options.scaleEvents() * SCALE_VISITS_PER_RECORD * SCALE_VIOLATING_APPS));
        final GeneratorSettings settings = GeneratorSettings.builder().seed(options.seed() + 2).apps(1000)
                .users(Math.max(options.users(), options.scaleEvents() * 4)).totalEvents(options.scaleEvents()).meanBrowseSteps(0)
                .returningUserShare(0.02).nearMissRate(SCALE_NEAR_MISS_RATE * plantRate / SCALE_PLANT_RATE)
                .violatingAppShare(SCALE_VIOLATING_APPS).plantRate(plantRate)
                .visitsPerSecond(200).startTime(pastStart(options.scaleEvents(), 200)).build();
        final TrafficGenerator generator = new TrafficGenerator(settings);
        final String input = "bench.telemetry.scale";
        final BenchReport.Dataset dataset = preload(cluster, generator, input, Map.of());
        System.out.printf("scale input: %,d records, %,d distinct users%n", dataset.records(), dataset.distinctUsers());
        final AuthwatchConfig config = config("authwatch-scale", input, PRIMARY_GUARANTEE, options.scaleCommitMs());
        createOutputs(cluster, config);
        final StreamsRun.Result run;
        final Accuracy accuracy;
        final double gaps;
        try (StreamsRun monitor = new StreamsRun("authwatch-scale", m -> AuthwatchTopology.build(config, m), config,
                cluster, input, heap);
             ViolationReader reader = new ViolationReader(cluster, Topics.from(config))) {
            final long n = dataset.records();
            // at least 40 minutes, more for inputs that even 2,000 records/s would not finish in that time
            run = monitor.start(n / 4, n / 2, n * 3 / 4)
                    .awaitConsumed(n, Duration.ofSeconds(Math.max(40 * 60, n / 2_000)));
            reader.awaitSettled(settleTime(config), Duration.ofSeconds(10), Duration.ofMinutes(5));
            accuracy = Accuracy.score(generator.groundTruth(), reader.violations());
            gaps = monitor.counter("authwatch_sequence_gaps");
        }
        print(run);
        return new BenchReport.Scale(dataset, run, accuracy, config.longValue("rocksdb.memory.bytes"), HeapWatch.max(),
                options.scaleCommitMs(), gaps);
    }

    private BenchReport.Dataset preload(BenchCluster cluster, TrafficGenerator generator, String topic,
                                        Map<String, String> topicConfig) {
        publishPolicies(cluster, generator);
        cluster.createTopics(List.of(topic), options.partitions(), topicConfig);
        final Preload.Result written;
        try (KafkaProducer<String, TelemetryEvent> producer = producer(cluster, topic)) {
            written = Preload.run(generator, producer, topic);
        }
        final GroundTruth truth = generator.groundTruth();
        return new BenchReport.Dataset(topic, options.partitions(), written.records(), written.distinctKeys(),
                truth.sessions(), truth.duplicates(), truth.displaced(), truth.violations().size(),
                truth.nearMisses().size(), truth.demotedVisits(), written.seconds(), truth.visitsByScenario());
    }

    private void publishPolicies(BenchCluster cluster, TrafficGenerator generator) {
        final AuthwatchConfig config = config("policy", POLICY_TOPIC, PRIMARY_GUARANTEE, PRIMARY_COMMIT_MS);
        final Topics topics = Topics.from(config);
        try (KafkaProducer<String, io.authwatch.policy.AppPathPolicy> producer = new KafkaProducer<>(
                cluster.producerProperties(), new StringSerializer(), topics.policy().valueSerde().serializer())) {
            generator.policies().forEach(p -> producer.send(new ProducerRecord<>(POLICY_TOPIC, p.getAppId(), p)));
            producer.flush();
        }
    }

    private KafkaProducer<String, TelemetryEvent> producer(BenchCluster cluster, String topic) {
        final Topics topics = Topics.from(config("producer", topic, PRIMARY_GUARANTEE, PRIMARY_COMMIT_MS));
        return new KafkaProducer<>(cluster.producerProperties(), new StringSerializer(),
                topics.telemetry().valueSerde().serializer());
    }

    /** Creates the output topics the monitor of {@code config} writes to. */
    private void createOutputs(BenchCluster cluster, AuthwatchConfig config) {
        cluster.createTopics(List.of(config.string("topic.violations"), config.string("topic.enforcement"),
                config.string("topic.dlq")), options.partitions(), Map.of());
    }

    /** The monitor's config for one run: its own application id, state directory and output topics. */
    private AuthwatchConfig config(String name, String input, String guarantee, long commitMs) {
        final int n = ++runNumber;
        final Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrap);
        c.put("schema.registry.url", registryUrl);
        c.put("application.id", "bench-" + name + "-" + n + "-" + UUID.randomUUID().toString().substring(0, 8));
        c.put("state.dir", workDir.resolve("state").resolve(name + "-" + n).toString());
        c.put("processing.guarantee", guarantee);
        c.put("commit.interval.ms", Long.toString(commitMs));
        c.put("num.stream.threads", Integer.toString(options.threads()));
        c.put("topic.telemetry", input);
        c.put("topic.policy", POLICY_TOPIC);
        c.put("topic.violations", "bench.violations." + n);
        c.put("topic.enforcement", "bench.enforcement." + n);
        c.put("topic.dlq", "bench.dlq." + n);
        c.put("user-ref.secret", "bench-" + UUID.randomUUID());
        clientOverrides.forEach((k, v) -> c.put("kafka." + k, v.toString()));
        if (options.rocksDbMemoryBytes() > 0) {
            c.put("rocksdb.memory.bytes", Long.toString(options.rocksDbMemoryBytes()));
        }
        return AuthwatchConfig.of(c);
    }

    /**
     * A start time that puts a whole dataset in the past: the monitor rejects events more than a
     * day in the future, and a compressed run covers hours of event time in minutes (the re-prompt
     * near-misses come two days after their first visit). Assumes at least 3 records per visit.
     */
    private static Instant pastStart(long records, double visitsPerSecond) {
        final long spanSeconds = (long) (records / (visitsPerSecond * 3));
        return Instant.now().minus(GeneratorSettings.builder().build().repromptCooldown()).minus(Duration.ofHours(4))
                .minusSeconds(spanSeconds);
    }

    /** Long enough after the input is consumed for every quiet session to have been decided. */
    private static Duration settleTime(AuthwatchConfig config) {
        return config.duration("rule.session-quiet").plus(config.duration("rule.idle-sweep")).plusSeconds(10);
    }

    private Properties clientOverrides() throws IOException {
        final Properties p = new Properties();
        if (options.clientConfig() != null) {
            try (Reader in = Files.newBufferedReader(Path.of(options.clientConfig()))) {
                p.load(in);
            }
        }
        return p;
    }

    private static String loadAverage() {
        try {
            final String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void print(StreamsRun.Result r) {
        System.out.printf("%-10s %-16s commit %4d ms: %,9.0f events/s sustained (%,.0f overall, %.1f s), "
                        + "heap peak %d MiB (after GC %d MiB), state %d MiB%n", r.name(), r.guarantee(),
                r.commitIntervalMs(), r.sustainedEventsPerSecond(), r.eventsPerSecond(), r.seconds(),
                r.peakHeapUsed() >> 20, r.peakHeapAfterGc() >> 20, r.peakStateDirBytes() >> 20);
    }
}
