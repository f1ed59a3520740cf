package io.authwatch.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in this JVM: KRaft, combined broker and controller, from the
 * {@code kafka_2.13} server jars, listening on the loopback interface only.
 *
 * <p>Its log and metadata live under the given data directory, which is formatted on first start
 * (as {@code kafka-storage.sh format} does) and reused afterwards: a second start on the same
 * directory resumes with every topic, offset and committed transaction. Replication factors are 1
 * and internal topics are small, so it starts in seconds; it is for the demo and for tests, never
 * for production. {@link #main} runs one as a separate process, for tests that kill the broker.
 *
 * <p>{@link #startWithScram} adds a second client listener, SASL_PLAINTEXT with SCRAM-SHA-512, and
 * one user for it (no authorizer: an authenticated user may do anything), for tests of the clients'
 * {@code kafka.security.protocol}/{@code kafka.sasl.*} settings; the plaintext listener stays for the
 * broker itself and for test harnesses.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** The SCRAM mechanism of the SASL listener. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final KafkaRaftServer server;
    private final int port;
    private final int saslPort;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, int saslPort, Path dataDir) {
        this.server = server;
        this.port = port;
        this.saslPort = saslPort;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker keeping its data under {@code dataDir} on {@code port} (0 picks a free port)
     * and returns once it answers metadata requests.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, -1);
    }

    /**
     * {@link #start(Path, int)} with a SASL_PLAINTEXT listener on a free port ({@link #saslBootstrapServers()})
     * accepting {@value #SCRAM_MECHANISM} for {@code user} with {@code password}.
     */
    public static EmbeddedKafkaBroker startWithScram(Path dataDir, int port, String user, String password) {
        final EmbeddedKafkaBroker broker = start(dataDir, port, freePort());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.close();
            throw new IllegalStateException("interrupted while adding the SCRAM user", e);
        } catch (ExecutionException e) {
            broker.close();
            throw new IllegalStateException("cannot add the SCRAM user: " + e.getCause(), e);
        }
        return broker;
    }

    private static EmbeddedKafkaBroker start(Path dataDir, int port, int saslPort) {
        final int brokerPort = port == 0 ? freePort() : port;
        final int controllerPort = freePort();
        final Path logDir = dataDir.toAbsolutePath().resolve("kraft-logs");
        final Properties props = brokerProperties(logDir, brokerPort, controllerPort);
        if (saslPort > 0) {
            addScramListener(props, brokerPort, controllerPort, saslPort);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(dataDir, props);
        }
        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, brokerPort, saslPort, dataDir);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code host:port} for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** {@code host:port} of the SASL_PLAINTEXT (SCRAM) listener; only after {@link #startWithScram}. */
    public String saslBootstrapServers() {
        if (saslPort < 0) {
            throw new IllegalStateException("this broker has no SASL listener: start it with startWithScram");
        }
        return HOST + ":" + saslPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker cleanly (controlled shutdown) and waits until it has. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        final Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private static void addScramListener(Properties p, int brokerPort, int controllerPort, int saslPort) {
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",SASL_PLAINTEXT://" + HOST + ":" + saslPort
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",SASL_PLAINTEXT://" + HOST + ":"
                + saslPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    /** Formats the log directory with a new cluster id (first start only: later starts keep it). */
    private static void format(Path dataDir, Properties props) {
        try {
            Files.createDirectories(dataDir);
            final Path configFile = dataDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                props.store(w, "written by authwatch's embedded broker on each start");
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("cannot format the broker's storage in " + dataDir + ": "
                        + out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker's data directory " + dataDir, e);
        }
    }

    private void awaitReady() {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the embedded broker did not become ready on "
                                + bootstrapServers() + " within " + READY_TIMEOUT, e);
                    }
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * Runs a broker as its own process: {@code --data-dir DIR [--port N]}. Prints
     * {@code READY <bootstrap>} on standard output once it serves, then runs until the process is
     * told to stop (SIGTERM or Ctrl-C stops it cleanly; SIGKILL simulates a crash).
     */
    public static void main(String[] args) throws InterruptedException {
        Path dataDir = null;
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("usage: EmbeddedKafkaBroker --data-dir DIR [--port N]");
        }
        final EmbeddedKafkaBroker broker = start(dataDir, port);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "embedded-broker-shutdown"));
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
