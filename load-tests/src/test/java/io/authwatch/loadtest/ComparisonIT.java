package io.authwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authwatch-bench compare} end to end at a tiny scale (20,000 records, one round): the peer
 * built from a copy of its sources, its dataset generated, every contender run as its own JVM on
 * the embedded broker, and the report written. It asserts the report's structure and that
 * authwatch's 1.1 + 1.2 count equals the peer's truth; never speed.
 *
 * <p>The peer's sources: system property {@code peer.source} (default {@code ../../shared/peers/flinkcep},
 * next to the repository; the test is skipped, with the path in its message, when they are not there); the authwatch jar: {@code authwatch.jar} (default
 * {@code ../streams-app/target/authwatch.jar}, built by streams-app's package phase).
 */
class ComparisonIT {

    private static final long RECORDS = 20_000;

    @TempDir
    Path dir;

    @Test
    void shouldRunEveryContenderOnThePeersDatasetAndCountWhatThePeerPlanted() throws Exception {
        // Given the peer's sources and the authwatch jar
        final Path peerSource = Path.of(System.getProperty("peer.source", "../../shared/peers/flinkcep"));
        final Path authwatchJar = Path.of(System.getProperty("authwatch.jar", "../streams-app/target/authwatch.jar"));
        // The peer is not part of this repository: a checkout without it beside the repository
        // (a CI clone on its own) skips this test, and says so, rather than fail on a missing input.
        assumeTrue(Files.isRegularFile(peerSource.resolve("pom.xml")),
                "the FlinkCEP peer's sources are not at " + peerSource.toAbsolutePath() + " (-Dpeer.source=DIR)");
        assertThat(authwatchJar).as("the authwatch jar (-Dauthwatch.jar=JAR)").isRegularFile();
        final Path out = dir.resolve("out");
        final Comparison.Options options = new Comparison.Options(RECORDS, 1, "512m", 2, 4, 42, "512m", List.of(),
                peerSource, Path.of("target/flinkcep-peer"), null, authwatchJar, "mvn", out, dir.resolve("work"),
                Duration.ofMinutes(5), "authwatch-bench compare --records 20000 --rounds 1");

        // When the comparison runs
        final ComparisonReport report = new Comparison(options, Files.createDirectories(dir.resolve("work"))).run();
        new ComparisonWriter(out).write(report);

        // Then every contender ran once over the whole dataset, in the first round's order
        final List<String> names = Contender.all().stream().map(Contender::name).toList();
        assertThat(report.notes()).noneMatch(n -> n.startsWith("FAILED"));
        assertThat(report.runs()).extracting(ComparisonReport.Run::contender).containsExactlyElementsOf(names);
        assertThat(report.dataset().records()).isEqualTo(RECORDS);
        assertThat(report.dataset().users()).isPositive();
        assertThat(report.dataset().planted()).isPositive();
        assertThat(report.runs()).allSatisfy(r -> {
            assertThat(r.records()).isEqualTo(RECORDS);
            assertThat(r.seconds()).isPositive();
            assertThat(r.rate()).isPositive();
            assertThat(r.monitorCpuSeconds()).isPositive();
            assertThat(r.brokerCpuSeconds()).isNotNegative();
        });
        // And the bytes written are attributed to the right kind of topic
        for (final ComparisonReport.Run r : report.runs()) {
            if (r.contender().startsWith("streams-")) {
                assertThat(r.outputBytes()).as(r.contender()).isPositive();
                assertThat(r.changelogBytes() + r.repartitionBytes()).as(r.contender()).isZero();
            } else if (r.contender().startsWith("authwatch-")) {
                assertThat(r.changelogBytes()).as(r.contender()).isPositive();
                assertThat(r.outputBytes()).as(r.contender()).isPositive();
                assertThat(r.stateBytes()).as(r.contender()).isPositive();
            } else {
                assertThat(r.changelogBytes() + r.repartitionBytes() + r.outputBytes()).as(r.contender()).isZero();
            }
        }
        // And authwatch's 1.1 + 1.2 equals the peer's truth in every run, as do the peer's own matches
        final ComparisonReport.Correctness c = report.correctness();
        assertThat(c.truth()).isEqualTo(report.dataset().planted());
        assertThat(c.authwatchFirstScreen()).containsOnlyKeys("authwatch-alo-1s", "authwatch-alo-100ms",
                "authwatch-eos-100ms");
        assertThat(c.authwatchFirstScreen().values()).allSatisfy(v -> assertThat(v).containsOnly(c.truth()));
        assertThat(c.authwatchEqualsTruth()).isTrue();
        assertThat(c.peerMatches()).containsOnly(c.truth());
        assertThat(c.peerEqualsTruth()).isTrue();
        assertThat(c.peerLateEvents()).isZero();
        assertThat(c.peerBadRecords()).isZero();
        // And the summaries, the targets and the files: one row per contender, a tiny run marked as a smoke run
        assertThat(report.fair()).isFalse();
        assertThat(report.contenders()).extracting(ComparisonReport.Summary::contender).containsExactlyElementsOf(names);
        assertThat(report.contenders()).allSatisfy(s -> {
            assertThat(s.runs()).isEqualTo(1);
            assertThat(s.rate().min()).isEqualTo(s.rate().median()).isEqualTo(s.rate().max());
            assertThat(s.monitorCpuSecondsPerM().median()).isPositive();
        });
        assertThat(report.targets()).extracting(ComparisonReport.Target::numerator)
                .containsExactly("authwatch-alo-1s", "authwatch-eos-100ms", "authwatch-eos-100ms");
        final JsonNode json = new ObjectMapper().readTree(out.resolve(ComparisonWriter.JSON).toFile());
        assertThat(json.at("/runs").size()).isEqualTo(names.size());
        assertThat(json.at("/correctness/authwatchEqualsTruth").asBoolean()).isTrue();
        assertThat(json.at("/contenders/0/rate/median").asDouble()).isPositive();
        final String md = Files.readString(out.resolve(ComparisonWriter.MARKDOWN));
        assertThat(md).contains("SMOKE RUN", "## Throughput", "## Targets", "## Correctness",
                "authwatch's 1.1 + 1.2 count equals the truth in every run.");
        final String svg = Files.readString(out.resolve(ComparisonWriter.CHART));
        assertThat(svg).startsWith("<svg").contains("authwatch-eos-100ms", "flinkcep-1.1");
        assertThat(svg.split("<rect ", -1)).hasSize(1 + 1 + names.size());
    }
}
