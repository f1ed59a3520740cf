package io.authwatch.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark command (see docs/benchmarks.md): starts the embedded broker (or uses a given
 * cluster), then measures the monitor's throughput against a pass-through baseline, its detection
 * latency under a fixed offered load, its memory and state size, and its precision and recall on
 * generated traffic; writes report.json, summary.md and chart.png.
 */
@Command(name = "authwatch-bench", mixinStandardHelpOptions = true, subcommands = CompareCommand.class,
        description = "Measures authwatch: throughput vs a pass-through baseline, detection latency, memory, accuracy.")
public final class BenchmarkMain implements Callable<Integer> {

    /** The options of one benchmark, as recorded in the report. */
    public record Options(String bootstrap, String registry, String clientConfig, long events, int partitions, int apps,
                          long users, long seed, int threads, boolean matrix, int liveSeconds, double liveRate,
                          long scaleEvents, long scaleCommitMs, long rocksDbMemoryBytes, String brokerHeap, String out) {
    }

    @Option(names = "--bootstrap",
            description = "bootstrap.servers of a cluster to use (default: start the embedded broker)")
    String bootstrap;

    @Option(names = "--registry", defaultValue = "mock://bench",
            description = "schema.registry.url (default ${DEFAULT-VALUE}: in-process, producers and monitor share this JVM)")
    String registry;

    @Option(names = "--client-config",
            description = "properties file of extra Kafka client settings (security) for a given cluster")
    Path clientConfig;

    @Option(names = "--events", defaultValue = "100000",
            description = "records in the preloaded throughput input (${DEFAULT-VALUE})")
    long events;

    @Option(names = "--partitions", defaultValue = "4",
            description = "partitions of the input topics (${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--apps", defaultValue = "200", description = "simulated apps (${DEFAULT-VALUE})")
    int apps;

    @Option(names = "--users", defaultValue = "5000000", description = "simulated users (${DEFAULT-VALUE})")
    long users;

    @Option(names = "--seed", defaultValue = "42", description = "generator seed (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1",
            description = "num.stream.threads of every application (${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--matrix", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also run at_least_once and the 1 s commit interval; --no-matrix skips them (default: on)")
    boolean matrix;

    @Option(names = "--live-seconds", defaultValue = "60",
            description = "length of the fixed-load latency phase, 0 to skip (${DEFAULT-VALUE})")
    int liveSeconds;

    @Option(names = "--live-rate", defaultValue = "0",
            description = "offered load of the latency phase in events/s (default: half the measured sustained rate)")
    double liveRate;

    @Option(names = "--scale-events", defaultValue = "0",
            description = "records of the many-users run (nearly every visit a new user), 0 to skip (${DEFAULT-VALUE})")
    long scaleEvents;

    @Option(names = "--scale-commit-ms", defaultValue = "100",
            description = "commit.interval.ms of the many-users run (${DEFAULT-VALUE}); its heap bound does not depend on it")
    long scaleCommitMs;

    @Option(names = "--rocksdb-memory", defaultValue = "0",
            description = "rocksdb.memory.bytes of the monitor (default: the service's default)")
    long rocksDbMemory;

    @Option(names = "--broker-heap", defaultValue = "1g",
            description = "heap of the embedded broker process (${DEFAULT-VALUE})")
    String brokerHeap;

    @Option(names = "--out", defaultValue = "load-tests/results",
            description = "where the report goes (${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--work-dir",
            description = "broker data and state directories (default: a temporary directory, deleted)")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final Options options = new Options(bootstrap, registry, clientConfig == null ? null : clientConfig.toString(),
                events, partitions, apps, users, seed, threads, matrix, liveSeconds, liveRate, scaleEvents, scaleCommitMs, rocksDbMemory,
                brokerHeap, out.toString());
        final boolean temporary = workDir == null;
        final Path work = temporary ? Files.createTempDirectory("authwatch-bench") : Files.createDirectories(workDir);
        try {
            final BenchReport report = new Benchmark(options, work).run();
            final ReportWriter writer = new ReportWriter(out);
            writer.write(report);
            System.out.println(writer.summary(report));
            System.out.println("report: " + out.resolve("report.json") + ", " + out.resolve("summary.md") + ", "
                    + out.resolve("chart.png"));
            return 0;
        } finally {
            if (temporary) {
                StreamsRun.deleteRecursively(work);
            }
        }
    }
}
