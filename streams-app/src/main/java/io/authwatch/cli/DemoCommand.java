package io.authwatch.cli;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.embedded.DemoSimulator;
import io.authwatch.embedded.EmbeddedKafkaBroker;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PolicyFile;
import io.authwatch.policy.PolicyPublisher;
import io.authwatch.registry.dev.DevRegistryServer;
import io.authwatch.registry.dev.KafkaSchemaStore;
import io.authwatch.runtime.AuthwatchService;
import io.authwatch.runtime.ServedMonitor;
import io.authwatch.runtime.TopicSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: everything in one process, nothing to install. A real single-node KRaft broker
 * (data under {@code --data-dir}), a schema registry, the monitor, and unless
 * {@code --no-simulator} a simulator; prints the endpoints, then a summary line every few seconds.
 * The libraries' log goes to {@code <data-dir>/logs/} ({@link DemoLogging}); the terminal keeps
 * authwatch's own warnings and errors.
 * Ctrl-C stops the parts in reverse order; a second start on the same data dir resumes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Embedded broker, schema registry, monitor and traffic simulator in one process.")
final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final String POLICY_FILE = "deploy/policies/platform-default.json";
    private static final String POLICY_RESOURCE = "/io/authwatch/policy/platform-default.json";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port (default ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--data-dir", defaultValue = "demo-data", description = "Where the broker and the state live (default ./${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--no-simulator", description = "Start no simulated traffic.")
    private boolean noSimulator;

    @Option(names = "--sim-rate", defaultValue = "8", description = "Simulated sessions per second (default ${DEFAULT-VALUE}).")
    private double simRate;

    @Option(names = "--summary-every", defaultValue = "PT5S", description = "Summary interval (default ${DEFAULT-VALUE}).")
    private Duration summaryEvery;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final long t0 = System.nanoTime();
        final CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            stopAll();
        }, "demo-shutdown"));
        final Path logFile = DemoLogging.toFile(Files.createDirectories(dataDir.resolve("logs")));
        try {
            final EmbeddedKafkaBroker broker = remember(EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), kafkaPort));
            // the registry keeps its schemas in the broker (a compacted topic), so a restart on the
            // same data dir gives the same schema ids to the records already written
            final DevRegistryServer registry = remember(DevRegistryServer.start("127.0.0.1", registryPort,
                    KafkaSchemaStore.open(broker.bootstrapServers())));
            final String registryUrl = registry.url();
            final AuthwatchConfig config = demoConfig(broker.bootstrapServers(), registryUrl);
            RunCommand.warnAboutDevelopmentSecret(config);
            new TopicSetup(config).ensure();
            final AppPathPolicy policy = PolicyFile.parse(platformPolicy(), POLICY_FILE);
            PolicyPublisher.publish(config, policy);
            final ServedMonitor monitor = remember(ServedMonitor.start(config));
            final AuthwatchService service = monitor.service();
            final DemoSimulator simulator = noSimulator ? null : remember(new DemoSimulator(config, simRate));
            out.printf("%nauthwatch demo%n  Kafka bootstrap:  %s%n  Schema registry:  %s%n  HTTP:             %s%n"
                    + "  data dir:         %s%n  logs:             %s%n  platform policy:  version %d, %d rules%n%n",
                    broker.bootstrapServers(), registryUrl, "http://localhost:" + monitor.httpPort() + "/",
                    dataDir.toAbsolutePath(), logFile == null ? "(terminal)" : logFile, policy.getVersion(),
                    policy.getRules().size());
            out.flush();
            final boolean running = service.awaitRunning(Duration.ofMinutes(2));
            out.printf("monitor %s after %.1f s; Ctrl-C stops everything%n",
                    running ? "RUNNING" : "NOT RUNNING", (System.nanoTime() - t0) / 1e9);
            out.flush();
            if (simulator != null) {
                simulator.start();
            }
            final DemoSummary summary = new DemoSummary(monitor.meters().registry(), simulator == null ? () -> 0 : simulator::sent,
                    () -> service.streams().state().name());
            while (!stop.await(summaryEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                out.println(summary.line());
                out.flush();
            }
            return 0;
        } finally {
            stopAll();
        }
    }

    private AuthwatchConfig demoConfig(String bootstrap, String registryUrl) {
        return AuthwatchConfig.load(null, System.getenv())
                .with("bootstrap.servers", bootstrap)
                .with("schema.registry.url", registryUrl)
                .with("state.dir", dataDir.resolve("streams").toAbsolutePath().toString())
                .with("topics.create", "true")
                .with("topics.partitions", "3")
                .with("http.port", String.valueOf(httpPort))
                .validate();
    }

    /** The platform policy: the repository's file when run from a checkout, else the jar's copy. */
    private static String platformPolicy() throws IOException {
        final Path file = Path.of(POLICY_FILE);
        if (Files.isRegularFile(file)) {
            return Files.readString(file);
        }
        try (InputStream in = DemoCommand.class.getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + POLICY_FILE + " here and none in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private <T extends AutoCloseable> T remember(T part) {
        synchronized (started) {
            started.push(part);
        }
        return part;
    }

    /** Closes what was started, newest first; safe to call twice (Ctrl-C and normal return). */
    private void stopAll() {
        synchronized (started) { // a second caller waits until the first has closed everything
            for (AutoCloseable part = started.poll(); part != null; part = started.poll()) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
