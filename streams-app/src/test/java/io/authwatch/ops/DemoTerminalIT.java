package io.authwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's terminal keeps the banner, the summary and authwatch's own warnings; the libraries' log
 * lines (Kafka's broker and clients, Kafka Streams' state transitions) go to {@code <data-dir>/logs/}.
 */
class DemoTerminalIT {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheLibrariesLogOffTheTerminalAndInTheDataDirsLogs() throws Exception {
        // Given the demo, started as a person starts it, until its monitor is RUNNING
        try (DemoProcess demo = DemoProcess.start(dir)) {
            assertThat(demo.status("/readyz")).isEqualTo(200);
        }
        // When it has been stopped as Ctrl-C stops it
        final String terminal = Files.readString(dir.resolve("demo.log"));
        final Path logFile = dir.resolve("data").resolve("logs").resolve("authwatch-demo.log");
        final String log = Files.readString(logFile);

        // Then the terminal shows the banner, where the log went, and authwatch's own warning only
        assertThat(terminal).contains("authwatch demo", "logs:             " + logFile.toAbsolutePath(),
                "monitor RUNNING after", "WARN  [main] io.authwatch.cli.RunCommand - user-ref.secret is empty");
        assertThat(terminal.lines().filter(l -> l.contains(" INFO ") || l.contains("o.a.k.") || l.contains("kafka.")
                && !l.contains("Kafka bootstrap"))).as(terminal).isEmpty();

        // And the log file holds what the libraries and authwatch said, Kafka Streams' transitions included
        assertThat(log).contains("INFO  [main] kafka.server.ControllerServer",
                "o.apache.kafka.streams.KafkaStreams - stream-client", "State transition from REBALANCING to RUNNING",
                "i.authwatch.runtime.AuthwatchService - Kafka Streams state REBALANCING -> RUNNING");
    }
}
