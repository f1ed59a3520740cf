package io.authwatch.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code authwatch-bench compare}: authwatch, Kafka Streams pass-throughs and the FlinkCEP peer, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Runs the FlinkCEP peer, Kafka Streams pass-throughs and authwatch side by side on the peer's"
                + " dataset, on one embedded broker, in alternating rounds (see docs/benchmarks.md).")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--records", defaultValue = "2000000",
            description = "records of the peer's dataset, all read by every run (${DEFAULT-VALUE}; fair: >= 2000000)")
    long records;

    @Option(names = "--rounds", defaultValue = "3",
            description = "rounds, each running every contender once (${DEFAULT-VALUE}; fair: >= 3)")
    int rounds;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of every contender (${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--parallelism", defaultValue = "2",
            description = "Flink parallelism and num.stream.threads of every contender (${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--partitions", defaultValue = "4", description = "partitions of the dataset (${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--seed", defaultValue = "42", description = "the peer generator's seed (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--broker-heap", defaultValue = "1g", description = "heap of the embedded broker (${DEFAULT-VALUE})")
    String brokerHeap;

    @Option(names = "--contenders", split = ",",
            description = "only these contenders (default: all): flinkcep-1.1, flink-passthrough, streams-bytes-eos,"
                    + " streams-bytes-alo, streams-avro-eos, streams-avro-alo, authwatch-alo-1s, authwatch-alo-100ms,"
                    + " authwatch-eos-100ms")
    List<String> contenders;

    @Option(names = "--peer-source", defaultValue = "../shared/peers/flinkcep",
            description = "the FlinkCEP peer's sources, copied and built (${DEFAULT-VALUE})")
    Path peerSource;

    @Option(names = "--peer-build-dir", defaultValue = "load-tests/target/flinkcep-peer",
            description = "where the copy is built (${DEFAULT-VALUE})")
    Path peerBuildDir;

    @Option(names = "--peer-jar", description = "a built flinkcep-peer.jar to use instead of building one")
    Path peerJar;

    @Option(names = "--authwatch-jar", defaultValue = "streams-app/target/authwatch.jar",
            description = "the authwatch jar (${DEFAULT-VALUE})")
    Path authwatchJar;

    @Option(names = "--mvn", defaultValue = "mvn", description = "Maven, to build the peer (${DEFAULT-VALUE})")
    String mvn;

    @Option(names = "--run-timeout-minutes", defaultValue = "30", description = "limit of one run (${DEFAULT-VALUE})")
    long runTimeoutMinutes;

    @Option(names = "--out", defaultValue = "load-tests/results/comparison",
            description = "where comparison.json, comparison.md and comparison.svg go (${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--work-dir", description = "broker data, state and logs (default: a temporary directory, deleted)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        final boolean temporary = workDir == null;
        final Path work = temporary ? Files.createTempDirectory("authwatch-compare") : Files.createDirectories(workDir);
        final String command = "authwatch-bench " + String.join(" ", spec.root().commandLine().getParseResult()
                .originalArgs());
        final Comparison.Options options = new Comparison.Options(records, rounds, heap, parallelism, partitions, seed,
                brokerHeap, contenders == null ? List.of() : contenders, peerSource, peerBuildDir, peerJar, authwatchJar,
                mvn, out, work, Duration.ofMinutes(runTimeoutMinutes), command.trim());
        try {
            final ComparisonReport report = new Comparison(options, work).run();
            new ComparisonWriter(out).write(report);
            System.out.println(ComparisonWriter.markdown(report));
            System.out.println("report: " + out.resolve(ComparisonWriter.JSON) + ", " + out.resolve(ComparisonWriter.MARKDOWN)
                    + ", " + out.resolve(ComparisonWriter.CHART));
            return report.correctness().authwatchEqualsTruth() || report.correctness().authwatchFirstScreen().isEmpty()
                    ? 0 : 1;
        } finally {
            if (temporary) {
                StreamsRun.deleteRecursively(work);
            }
        }
    }
}
