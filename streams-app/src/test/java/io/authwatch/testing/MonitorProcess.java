package io.authwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The monitor as an operator runs it: {@code java … io.authwatch.cli.Main run --config FILE} in its
 * own JVM, with a config file written from the given keys, logging to {@code <name>.log} in the run
 * directory (the Kafka Streams lines that show assignments and restoration included). Restartable:
 * {@link #start()} after {@link #kill()} or {@link #stop()} runs it again on the same state directory.
 */
public final class MonitorProcess implements AutoCloseable {

    /** The line the service logs each time Kafka Streams reaches RUNNING. */
    public static final String RUNNING = "-> RUNNING";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Path configFile;
    private final Path logFile;
    private final Map<String, String> env;
    private ChildJvm jvm;
    private int starts;

    /**
     * @param config every authwatch key the process runs with (written to {@code <name>.properties})
     * @param env    extra environment variables ({@code AUTHWATCH_*} overrides)
     */
    public MonitorProcess(String name, Path runDir, Map<String, String> config, Map<String, String> env) {
        this.name = name;
        this.configFile = runDir.resolve(name + ".properties");
        this.logFile = runDir.resolve(name + ".log");
        this.env = Map.copyOf(env);
        writeConfig(configFile, config);
    }

    public MonitorProcess(String name, Path runDir, Map<String, String> config) {
        this(name, runDir, config, Map.of());
    }

    private static void writeConfig(Path file, Map<String, String> config) {
        final Properties p = new Properties();
        p.putAll(new TreeMap<>(config));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process; it runs until killed or stopped. */
    public MonitorProcess start() {
        if (jvm != null && jvm.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        jvm = ChildJvm.start(name, logFile,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dlogback.configurationFile=logback-monitor-process.xml"),
                "io.authwatch.cli.Main", List.of("run", "--config", configFile.toString()), env);
        return this;
    }

    /** Starts the process and waits until Kafka Streams is RUNNING. */
    public MonitorProcess startAndAwaitRunning() {
        start();
        awaitRunning();
        return this;
    }

    /** Waits until this run of the process has reached RUNNING (at least once). */
    public void awaitRunning() {
        jvm.awaitOutput(RUNNING, 1, START_TIMEOUT);
    }

    /** kill -9. */
    public void kill() {
        jvm.kill();
    }

    /** SIGTERM: a clean shutdown (the service commits and closes); returns the exit code (143 for SIGTERM). */
    public int stop() {
        return jvm.stop();
    }

    /** Whether the last run ended with the service's clean close (all work committed in time). */
    public boolean stoppedCleanly() {
        final String out = jvm.output();
        return !jvm.isAlive() && out.contains("authwatch stopped") && !out.contains("stopped without finishing");
    }

    public boolean isAlive() {
        return jvm != null && jvm.isAlive();
    }

    /** The running (or last) JVM. */
    public ChildJvm jvm() {
        return jvm;
    }

    /** How many times the process was started. */
    public int starts() {
        return starts;
    }

    public String name() {
        return name;
    }

    /** Every run's output. */
    public String log() {
        return ChildJvm.readLog(logFile);
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
