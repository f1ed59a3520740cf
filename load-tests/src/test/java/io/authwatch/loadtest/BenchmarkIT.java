package io.authwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.embedded.EmbeddedKafkaBroker;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark runner on a real broker with a few thousand events: it must find exactly the
 * planted violations, both from the preloaded input and when fed live, and write its report.
 * Behaviour, not speed: the figures themselves are not asserted.
 */
class BenchmarkIT {

    @TempDir
    Path dir;

    @Test
    void shouldMeasureAndFindExactlyThePlantedViolations() throws Exception {
        // Given a broker and a small benchmark (no matrix, a short live phase, no scale run)
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
            final BenchmarkMain.Options options = new BenchmarkMain.Options(broker.bootstrapServers(), "mock://bench-it",
                    null, 4_000, 2, 20, 200_000, 5, 1, false, 8, 300, 0, 100, 0, "256m", dir.resolve("out").toString());

            // When it runs
            final BenchReport report = new Benchmark(options, Files.createDirectories(dir.resolve("work"))).run();
            new ReportWriter(dir.resolve("out")).write(report);

            // Then both the preloaded and the live traffic are scored perfect
            assertThat(report.accuracy().planted()).isGreaterThan(10);
            assertThat(report.accuracy().examples()).isEmpty();
            assertThat(report.accuracy().precision()).isEqualTo(1.0);
            assertThat(report.accuracy().recall()).isEqualTo(1.0);
            assertThat(report.live().accuracy().planted()).isGreaterThan(5);
            assertThat(report.live().accuracy().examples()).isEmpty();
            assertThat(report.live().accuracy().precision()).isEqualTo(1.0);
            assertThat(report.live().accuracy().recall()).isEqualTo(1.0);
            // And the monitor and the baseline were both timed over the whole input, latency measured
            assertThat(report.throughput()).extracting(StreamsRun.Result::name).containsExactly("baseline", "authwatch");
            assertThat(report.throughput()).allSatisfy(r -> assertThat(r.records()).isEqualTo(report.throughputInput().records()));
            assertThat(report.live().latency()).isNotEmpty();
            // And the report, summary and chart are written
            final JsonNode json = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
            assertThat(json.at("/accuracy/precision").asDouble()).isEqualTo(1.0);
            assertThat(Files.readString(dir.resolve("out/summary.md"))).contains("## Throughput", "## Targets");
            final BufferedImage chart = ImageIO.read(dir.resolve("out/chart.png").toFile());
            assertThat(chart.getWidth()).isEqualTo(1000);
        }
    }
}
