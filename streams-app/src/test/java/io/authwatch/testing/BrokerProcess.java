package io.authwatch.testing;

import io.authwatch.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An {@link EmbeddedKafkaBroker} run as a separate process ({@link EmbeddedKafkaBroker#main}) on a
 * fixed port and data directory, so that a test can stop it (SIGTERM: controlled shutdown), kill it
 * (SIGKILL) and start it again where it was, while clients keep the same bootstrap address.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private ChildJvm jvm;

    private BrokerProcess(Path dataDir, Path logFile, int port) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
    }

    /** Starts a broker on a free port keeping its data under {@code dataDir}, and waits until it serves. */
    public static BrokerProcess start(Path dataDir, Path logFile) {
        final BrokerProcess broker = new BrokerProcess(dataDir, logFile, Ports.freePort());
        broker.restart();
        return broker;
    }

    /** Starts the broker again on the same port and data directory; returns once it serves. */
    public void restart() {
        if (jvm != null && jvm.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        jvm = ChildJvm.start("broker", logFile, List.of("-Xmx768m", "-XX:+UseSerialGC"),
                EmbeddedKafkaBroker.class.getName(),
                List.of("--data-dir", dataDir.toString(), "--port", String.valueOf(port)), Map.of());
        jvm.awaitOutput("READY ", 1, START_TIMEOUT);
    }

    /** Controlled shutdown, as an operator's restart does. */
    public void stop() {
        jvm.stop();
    }

    /** SIGKILL: the broker crashes (its page cache survives, as on a real host whose process died). */
    public void kill() {
        jvm.kill();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return jvm != null && jvm.isAlive();
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
