package io.authwatch.loadtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.embedded.BrokerProcess;
import io.authwatch.registry.dev.DevRegistryServer;
import io.authwatch.registry.dev.InMemorySchemaStore;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code authwatch-bench compare}: on one embedded broker, the FlinkCEP peer's dataset, then
 * rounds of runs of every contender (each a JVM of its own with the same heap and parallelism),
 * each measured from its first record read to its last record processed; see docs/benchmarks.md.
 */
final class Comparison {

    /** The fair minimums of issue 14: below them the report says it is a smoke run. */
    static final long FAIR_RECORDS = 2_000_000;
    static final int FAIR_ROUNDS = 3;

    static final String INPUT = "compare.telemetry";
    static final String POLICY = "compare.policy";

    /** Settings of one comparison. */
    record Options(long records, int rounds, String heap, int parallelism, int partitions, long seed,
                   String brokerHeap, List<String> contenders, Path peerSource, Path peerBuildDir, Path peerJar,
                   Path authwatchJar, String mvn, Path out, Path workDir, Duration runTimeout, String command) {
    }

    private final Options options;
    private final Path work;
    private final List<String> notes = new ArrayList<>();
    private BrokerProcess broker;
    private BenchCluster cluster;
    private String registryUrl;
    private Path peerJar;

    Comparison(Options options, Path work) {
        this.options = options;
        this.work = work;
    }

    ComparisonReport run() throws IOException, InterruptedException {
        final String started = Instant.now().toString();
        final long t0 = System.nanoTime();
        final List<Contender> contenders = Contender.select(options.contenders());
        if (!Files.isRegularFile(options.authwatchJar()) && contenders.stream()
                .anyMatch(c -> c.kind() == Contender.Kind.AUTHWATCH)) {
            throw new IllegalArgumentException("no authwatch jar at " + options.authwatchJar().toAbsolutePath()
                    + ": build it with mvn -B -q package -DskipTests -pl streams-app -am");
        }
        peerJar = options.peerJar() != null ? options.peerJar()
                : PeerBuild.ensure(options.peerSource(), options.peerBuildDir(), options.mvn());
        broker = BrokerProcess.start(work.resolve("broker"), 0, options.brokerHeap());
        try (DevRegistryServer registry = DevRegistryServer.start("127.0.0.1", 0, new InMemorySchemaStore());
             BenchCluster c = new BenchCluster(broker.bootstrapServers(), new Properties())) {
            cluster = c;
            registryUrl = registry.url();
            notes.add("One embedded KRaft broker in a child JVM (heap " + options.brokerHeap()
                    + ") and an in-memory schema registry in the benchmark's JVM; every contender is a JVM of its own"
                    + " with -Xmx" + options.heap() + " and parallelism " + options.parallelism()
                    + " (Flink slots and operator parallelism, Kafka Streams num.stream.threads), all on the same machine.");
            final ComparisonReport.Dataset dataset = generate();
            cluster.createTopics(List.of(POLICY), 1, Map.of("cleanup.policy", "compact"));
            final List<ComparisonReport.Run> runs = new ArrayList<>();
            final List<List<Contender>> schedule = CompareSchedule.rounds(contenders, options.rounds());
            for (int r = 0; r < schedule.size(); r++) {
                for (int i = 0; i < schedule.get(r).size(); i++) {
                    final Contender contender = schedule.get(r).get(i);
                    System.out.printf("round %d/%d, %d/%d: %s%n", r + 1, schedule.size(), i + 1,
                            schedule.get(r).size(), contender.name());
                    final ComparisonReport.Run run;
                    try {
                        run = run(contender, r + 1, i + 1, dataset);
                    } catch (RuntimeException e) {
                        // one failed run must not lose the others: it is reported and missing from the medians
                        System.out.println("  FAILED: " + e.getMessage());
                        final String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                        notes.add("FAILED: " + contender.name() + " in round " + (r + 1) + ": "
                                + why.substring(0, Math.min(300, why.length())) + " (its log is in the work directory)");
                        continue;
                    }
                    System.out.printf(java.util.Locale.ROOT, "  %,.0f records/s (%.2f s), CPU %.1f s monitor, %.1f s broker%s%n",
                            run.rate(), run.seconds(), run.monitorCpuSeconds(), run.brokerCpuSeconds(),
                            run.firstScreen() != null ? ", 1.1+1.2 = " + run.firstScreen() + " (truth " + dataset.planted() + ")"
                                    : run.peerMatches() != null && contender.kind() == Contender.Kind.PEER_CEP
                                    ? ", matches " + run.peerMatches() + " (truth " + dataset.planted() + "), late "
                                    + run.peerLateEvents() : "");
                    runs.add(run);
                }
            }
            final boolean fair = options.records() >= FAIR_RECORDS && options.rounds() >= FAIR_ROUNDS;
            if (!fair) {
                notes.add("SMOKE RUN: " + options.records() + " records and " + options.rounds()
                        + " round(s), below the fair minimum of " + FAIR_RECORDS + " records and " + FAIR_ROUNDS
                        + " rounds: the figures show that the benchmark works, not how fast anything is.");
            }
            notes.add("Load average (1, 5, 15 min) at the end: " + loadAverage() + "; "
                    + Runtime.getRuntime().availableProcessors() + " cores shared by the broker, the contender and"
                    + " whatever else runs on the machine.");
            final List<ComparisonReport.Summary> summaries = summaries(contenders, runs, dataset);
            return new ComparisonReport(started, (System.nanoTime() - t0) / 1e9, MachineInfo.current(),
                    new ComparisonReport.Settings(options.records(), options.rounds(), options.heap(),
                            options.parallelism(), options.partitions(), options.seed(), options.brokerHeap(),
                            contenders.stream().map(Contender::name).toList(), options.command()),
                    fair, dataset, runs, summaries, targets(summaries), correctness(dataset, runs), notes);
        } finally {
            broker.close();
        }
    }

    // ---- the dataset

    private ComparisonReport.Dataset generate() throws InterruptedException {
        final Path truth = work.resolve("truth.txt");
        final AtomicReference<String> result = new AtomicReference<>();
        final AtomicReference<String> users = new AtomicReference<>();
        final List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx" + options.heap(), "-jar",
                peerJar.toAbsolutePath().toString(), "generate"));
        command.addAll(peerConnection());
        command.addAll(List.of("--records", Long.toString(options.records()), "--partitions",
                Integer.toString(options.partitions()), "--seed", Long.toString(options.seed()), "--truth-file",
                truth.toString()));
        System.out.println("generating the peer's dataset: " + options.records() + " records, seed " + options.seed());
        try (ChildJvm gen = ChildJvm.start(command, work, work.resolve("logs/generate.log"), (line, t) -> {
            if (line.startsWith("mode=generate")) {
                result.set(line);
            } else if (line.startsWith("# generate: topic=")) {
                users.set(line);
            }
        })) {
            final int exit = gen.await(options.runTimeout().toSeconds());
            if (exit != 0 || result.get() == null) {
                throw new IllegalStateException("the peer's generate failed (exit " + exit + "): " + gen.lines());
            }
        }
        final String line = result.get();
        final long records = CompareMath.longField(line, "records", -1);
        final long planted = CompareMath.longField(line, "planted", -1);
        final long hidden = CompareMath.longField(line, "planted_content_hidden", -1);
        final double seconds = Double.parseDouble(CompareMath.fields(line).getOrDefault("seconds", "NaN"));
        final long userCount = users.get() == null ? -1 : CompareMath.longField(users.get(), "users", -1);
        final long bytes = cluster.topicSizes().getOrDefault(INPUT, 0L);
        System.out.printf("dataset: %,d records, %,d users, %,d planted (%,d on a content-hidden page), %,d bytes%n",
                records, userCount, planted, hidden, bytes);
        return new ComparisonReport.Dataset(INPUT, records, userCount, planted, hidden, bytes, seconds);
    }

    private List<String> peerConnection() {
        return List.of("--bootstrap", broker.bootstrapServers(), "--registry", registryUrl, "--topic", INPUT);
    }

    // ---- one run

    private ComparisonReport.Run run(Contender c, int round, int position, ComparisonReport.Dataset dataset)
            throws InterruptedException, IOException {
        return c.isPeer() ? peerRun(c, round, position) : streamsRun(c, round, position, dataset);
    }

    private ComparisonReport.Run peerRun(Contender c, int round, int position) throws InterruptedException {
        final AtomicReference<String> result = new AtomicReference<>();
        final AtomicLong resultAt = new AtomicLong();
        final AtomicReference<String> detail = new AtomicReference<>();
        final String mode = c.kind() == Contender.Kind.PEER_CEP ? "cep" : "passthrough";
        final List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx" + options.heap(), "-jar",
                peerJar.toAbsolutePath().toString(), mode));
        command.addAll(peerConnection());
        command.addAll(List.of("--records", Long.toString(options.records()), "--parallelism",
                Integer.toString(options.parallelism())));
        final ProcessSampler sampler;
        final ChildJvm child = ChildJvm.start(command, work, work.resolve("logs/" + c.name() + "-r" + round + ".log"),
                (line, t) -> {
                    if (line.startsWith("mode=")) {
                        resultAt.set(t);
                        result.set(line);
                    } else if (line.startsWith("# " + mode + ": startup_seconds")) {
                        detail.set(line);
                    }
                });
        try (child) {
            sampler = new ProcessSampler(child.pid(), broker.pid(), null);
            final int exit;
            try (sampler) {
                exit = child.await(options.runTimeout().toSeconds());
            }
            if (exit != 0 || result.get() == null) {
                throw new IllegalStateException(c.name() + " failed (exit " + exit + "): " + child.lines());
            }
        }
        final String line = result.get();
        final long records = CompareMath.longField(line, "records", -1);
        final double seconds = Double.parseDouble(CompareMath.fields(line).get("seconds"));
        final long end = resultAt.get();
        final long start = end - (long) (seconds * 1e9);
        final String d = detail.get() == null ? "" : detail.get();
        return new ComparisonReport.Run(c.name(), round, position, records, seconds, records / seconds,
                CompareMath.delta(sampler.monitorCpu(), start, end), CompareMath.delta(sampler.brokerCpu(), start, end),
                0, 0, 0, 0, sampler.peakRss(), null, null, null,
                c.kind() == Contender.Kind.PEER_CEP ? CompareMath.longField(line, "matches", -1) : null,
                CompareMath.longField(d, "late_events", -1), CompareMath.longField(d, "bad_records", -1),
                "the peer's own seconds: first record leaving the source to the end of the job");
    }

    private ComparisonReport.Run streamsRun(Contender c, int round, int position, ComparisonReport.Dataset dataset)
            throws InterruptedException, IOException {
        final String appId = "compare-" + c.name() + "-r" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
        final Path stateDir = work.resolve("state").resolve(appId);
        final int httpPort = freePort();
        final Map<String, String> config = config(c, appId, stateDir, httpPort);
        final Path configFile = work.resolve("config").resolve(appId + ".properties");
        Files.createDirectories(configFile.getParent());
        final Properties props = new Properties();
        props.putAll(config);
        try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(out, c.describe());
        }
        final List<String> outputs;
        final List<String> command;
        final String passThroughOut = "compare.out." + appId;
        if (c.kind() == Contender.Kind.AUTHWATCH) {
            outputs = List.of(config.get("topic.violations"), config.get("topic.enforcement"), config.get("topic.dlq"));
            command = List.of(ChildJvm.java(), "-Xmx" + options.heap(), "-jar",
                    options.authwatchJar().toAbsolutePath().toString(), "run", "--config", configFile.toString());
        } else {
            outputs = List.of(passThroughOut);
            cluster.createTopics(List.of(passThroughOut), options.partitions(), Map.of());
            command = List.of(ChildJvm.java(), "-Xmx" + options.heap(), "-cp", absoluteClassPath(),
                    PassThroughMain.class.getName(), c.kind() == Contender.Kind.STREAMS_BYTES ? "bytes" : "avro",
                    configFile.toString(), passThroughOut);
        }
        final AtomicLong runningAt = new AtomicLong();
        final long target = dataset.records();
        final ProcessSampler sampler;
        long end;
        final ChildJvm child = ChildJvm.start(command, work, work.resolve("logs/" + appId + ".log"), (line, t) -> {
            if ("RUNNING".equals(line)) {
                runningAt.compareAndSet(0, t);
            }
        });
        try (child) {
            sampler = new ProcessSampler(child.pid(), broker.pid(), () -> cluster.committed(appId, INPUT));
            try (sampler) {
                final long deadline = System.nanoTime() + options.runTimeout().toNanos();
                while (true) {
                    if (c.kind() == Contender.Kind.AUTHWATCH && runningAt.get() == 0 && ready(httpPort)) {
                        runningAt.compareAndSet(0, System.nanoTime());
                    }
                    final OptionalDouble done = CompareMath.firstReaching(sampler.committed(), target);
                    if (done.isPresent()) {
                        end = (long) done.getAsDouble();
                        break;
                    }
                    if (!child.isAlive()) {
                        throw new IllegalStateException(c.name() + " ended before it had processed its input: "
                                + tail(child.lines()));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(c.name() + " committed only " + cluster.committed(appId, INPUT)
                                + " of " + target + " records within " + options.runTimeout());
                    }
                    Thread.sleep(c.kind() == Contender.Kind.AUTHWATCH && runningAt.get() == 0 ? 20 : 50);
                }
            }
        }
        if (runningAt.get() == 0 || runningAt.get() >= end) {
            throw new IllegalStateException(c.name() + ": no RUNNING seen before the input was committed");
        }
        final long start = runningAt.get();
        final long stateBytes = ResourceSampler.size(stateDir);
        final Map<String, Long> sizes = cluster.topicSizes();
        long changelog = 0;
        long repartition = 0;
        long output = 0;
        final Set<String> written = new HashSet<>();
        for (final Map.Entry<String, Long> e : sizes.entrySet()) {
            final CompareMath.TopicKind kind = CompareMath.kind(e.getKey(), appId, outputs);
            if (kind == null) {
                continue;
            }
            written.add(e.getKey());
            switch (kind) {
                case CHANGELOG -> changelog += e.getValue();
                case REPARTITION -> repartition += e.getValue();
                case OUTPUT -> output += e.getValue();
            }
        }
        Long r11 = null;
        Long r12 = null;
        if (c.kind() == Contender.Kind.AUTHWATCH) {
            final Map<String, Long> byCase = countByRuleCase(AuthwatchConfig.of(config), config.get("topic.violations"));
            r11 = byCase.getOrDefault("1.1", 0L);
            r12 = byCase.getOrDefault("1.2", 0L);
        }
        cluster.deleteTopics(written);
        StreamsRun.deleteRecursively(stateDir);
        final double seconds = (end - start) / 1e9;
        return new ComparisonReport.Run(c.name(), round, position, target, seconds, CompareMath.rate(target, start, end),
                CompareMath.delta(sampler.monitorCpu(), start, end), CompareMath.delta(sampler.brokerCpu(), start, end),
                changelog, repartition, output, stateBytes, sampler.peakRss(), r11, r12,
                r11 == null ? null : r11 + r12, null, null, null,
                "Kafka Streams RUNNING to the first sample (every " + ProcessSampler.INTERVAL_MS
                        + " ms) at which the group's committed offsets covered the input");
    }

    /** The authwatch config of one run (the pass-throughs read the same keys for their Streams settings). */
    private Map<String, String> config(Contender c, String appId, Path stateDir, int httpPort) {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", broker.bootstrapServers());
        m.put("schema.registry.url", registryUrl);
        m.put("application.id", appId);
        m.put("state.dir", stateDir.toString());
        m.put("processing.guarantee", c.guarantee());
        m.put("commit.interval.ms", Long.toString(c.commitMs()));
        m.put("num.stream.threads", Integer.toString(options.parallelism()));
        m.put("topics.create", "true");
        m.put("topics.partitions", Integer.toString(options.partitions()));
        m.put("topic.telemetry", INPUT);
        m.put("topic.policy", POLICY);
        m.put("topic.violations", "compare.violations." + appId);
        m.put("topic.enforcement", "compare.enforcement." + appId);
        m.put("topic.dlq", "compare.dlq." + appId);
        m.put("user-ref.secret", "compare-" + UUID.randomUUID());
        m.put("http.bind", "127.0.0.1");
        m.put("http.port", Integer.toString(httpPort));
        return m;
    }

    /** Distinct violations by ruleCase in {@code topic}, read (read_committed) to its end. */
    private Map<String, Long> countByRuleCase(AuthwatchConfig config, String topic) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "compare-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final Map<String, Set<String>> ids = new HashMap<>();
        try (KafkaConsumer<String, Violation> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                Topics.from(config).violations().valueSerde().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end within 5 minutes");
                }
                for (final ConsumerRecord<String, Violation> r : consumer.poll(Duration.ofMillis(200))) {
                    ids.computeIfAbsent(r.value().getRuleCase(), k -> new HashSet<>()).add(r.value().getViolationId());
                }
            }
        }
        final Map<String, Long> out = new LinkedHashMap<>();
        ids.forEach((k, v) -> out.put(k, (long) v.size()));
        return out;
    }

    /** Whether authwatch's {@code /readyz} answers 200 (its streams client is RUNNING). */
    private static boolean ready(int port) {
        try {
            final HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/readyz").toURL()
                    .openConnection();
            http.setConnectTimeout(200);
            http.setReadTimeout(500);
            final int code = http.getResponseCode();
            try (InputStream in = code < 400 ? http.getInputStream() : http.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return code == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** This JVM's class path with absolute entries: the children run in the work directory. */
    private static String absoluteClassPath() {
        final List<String> entries = new ArrayList<>();
        for (final String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    // ---- summaries

    static List<ComparisonReport.Summary> summaries(List<Contender> contenders, List<ComparisonReport.Run> runs,
                                                    ComparisonReport.Dataset dataset) {
        final List<ComparisonReport.Summary> out = new ArrayList<>();
        for (final Contender c : contenders) {
            final List<ComparisonReport.Run> mine = runs.stream().filter(r -> r.contender().equals(c.name())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            out.add(new ComparisonReport.Summary(c.name(), c.describe(), c.guarantee(), c.commitMs(), mine.size(),
                    spread(mine, ComparisonReport.Run::rate),
                    spread(mine, r -> CompareMath.perMillion(r.monitorCpuSeconds(), r.records())),
                    spread(mine, r -> CompareMath.perMillion(r.brokerCpuSeconds(), r.records())),
                    spread(mine, r -> CompareMath.perMillion(r.changelogBytes(), r.records())),
                    spread(mine, r -> CompareMath.perMillion(r.repartitionBytes(), r.records())),
                    spread(mine, r -> CompareMath.perMillion(r.outputBytes(), r.records())),
                    c.isPeer() ? null : spread(mine, r -> dataset.users() > 0
                            ? (double) r.stateBytes() / dataset.users() : Double.NaN),
                    spread(mine, r -> (double) r.peakRssBytes())));
        }
        return out;
    }

    private static CompareMath.Spread spread(List<ComparisonReport.Run> runs, ToDoubleFunction<ComparisonReport.Run> f) {
        return CompareMath.spread(runs.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    /** The targets, from median rates; a target whose contenders did not run is left out. */
    static List<ComparisonReport.Target> targets(List<ComparisonReport.Summary> summaries) {
        final List<ComparisonReport.Target> out = new ArrayList<>();
        target(out, summaries, "authwatch at_least_once 1 s vs the FlinkCEP peer", "authwatch-alo-1s", "flinkcep-1.1", 1.0);
        target(out, summaries, "authwatch exactly_once_v2 100 ms vs the FlinkCEP peer", "authwatch-eos-100ms",
                "flinkcep-1.1", 0.5);
        target(out, summaries, "authwatch exactly_once_v2 100 ms vs the Avro pass-through at the same guarantee",
                "authwatch-eos-100ms", "streams-avro-eos", 0.7);
        return out;
    }

    private static void target(List<ComparisonReport.Target> out, List<ComparisonReport.Summary> summaries, String name,
                               String numerator, String denominator, double target) {
        final ComparisonReport.Summary n = summaries.stream().filter(s -> s.contender().equals(numerator)).findFirst()
                .orElse(null);
        final ComparisonReport.Summary d = summaries.stream().filter(s -> s.contender().equals(denominator)).findFirst()
                .orElse(null);
        if (n == null || d == null || n.rate() == null || d.rate() == null) {
            return;
        }
        final double ratio = n.rate().median() / d.rate().median();
        out.add(new ComparisonReport.Target(name, numerator, denominator, ratio, target, ratio >= target));
    }

    static ComparisonReport.Correctness correctness(ComparisonReport.Dataset dataset, List<ComparisonReport.Run> runs) {
        final List<Long> peer = runs.stream().filter(r -> r.contender().equals("flinkcep-1.1"))
                .map(ComparisonReport.Run::peerMatches).toList();
        final long late = runs.stream().filter(r -> r.peerLateEvents() != null).mapToLong(r -> Math.max(0, r.peerLateEvents()))
                .sum();
        final long bad = runs.stream().filter(r -> r.peerBadRecords() != null).mapToLong(r -> Math.max(0, r.peerBadRecords()))
                .sum();
        final Map<String, List<Long>> authwatch = new LinkedHashMap<>();
        runs.stream().filter(r -> r.firstScreen() != null).forEach(r -> authwatch
                .computeIfAbsent(r.contender(), k -> new ArrayList<>()).add(r.firstScreen()));
        final boolean authwatchEqual = !authwatch.isEmpty() && authwatch.values().stream().flatMap(List::stream)
                .allMatch(v -> v == dataset.planted());
        final boolean peerEqual = !peer.isEmpty() && peer.stream().allMatch(v -> v == dataset.planted());
        return new ComparisonReport.Correctness(dataset.planted(), peer, late, bad, authwatch, authwatchEqual, peerEqual);
    }

    private static String loadAverage() {
        try {
            final String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
