package io.authwatch.runtime;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.topology.AuthwatchTopology;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running monitor: checks its topics and the schema registry, builds the topology, runs it in a
 * {@link KafkaStreams} instance and stops it cleanly. A stream thread that dies of an unexpected
 * error is replaced (under exactly-once its transaction is aborted and the work redone), so one bad
 * moment never stops the app; state changes are logged. {@link #close} waits at most
 * {@link #CLOSE_TIMEOUT} for in-flight work to commit.
 */
public final class AuthwatchService implements AutoCloseable {

    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(AuthwatchService.class);

    private final AuthwatchConfig config;
    private final AuthwatchMetrics metrics;
    private final RocksDbMemory memory;
    private final DeadLetterSink globalDeadLetters;
    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AuthwatchService(AuthwatchConfig config, AuthwatchMetrics metrics, Topology topology) {
        this.config = config;
        this.metrics = metrics;
        this.memory = new RocksDbMemory(config.longValue("rocksdb.memory.bytes"));
        LOG.debug("Topology:\n{}", topology.describe());
        this.globalDeadLetters = DeadLetterSink.of(config);
        this.streams = new KafkaStreams(topology, StreamsSettings.of(config, metrics, memory, globalDeadLetters));
        streams.setUncaughtExceptionHandler(AuthwatchService::onThreadDeath);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /**
     * A dying stream thread is replaced (its tasks resume from the last commit). The global thread,
     * which keeps the policy store, cannot be replaced. Kafka Streams 4.4, asked to, starts closing
     * the client but then casts the global thread to a StreamThread and fails in its own handler, so
     * the client is shut down explicitly instead and the process exits for its supervisor to restart it.
     */
    static StreamThreadExceptionResponse onThreadDeath(Throwable e) {
        if (isGlobalThread(Thread.currentThread().getName())) {
            LOG.error("The global (policy) thread died; shutting the client down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("A stream thread died; replacing it", e);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Kafka Streams names its global thread {@code <client.id>-GlobalStreamThread}. */
    static boolean isGlobalThread(String threadName) {
        return threadName.endsWith("-GlobalStreamThread");
    }

    /**
     * Checks the topics (creating them when {@code topics.create=true}) and the registry, then
     * starts the monitor. Fails with a {@link StartupException} saying what is wrong.
     */
    public static AuthwatchService start(AuthwatchConfig config, AuthwatchMetrics metrics) {
        return start(config, metrics, () -> AuthwatchTopology.build(config, metrics));
    }

    /**
     * {@link #start(AuthwatchConfig, AuthwatchMetrics)} with a given topology (tests of the
     * plumbing), built only once the checks have passed: building configures the serdes, which
     * would otherwise fail first, and less clearly, on a bad registry URL.
     */
    public static AuthwatchService start(AuthwatchConfig config, AuthwatchMetrics metrics,
                                         Supplier<Topology> topology) {
        RocksDbNativeLibrary.require();
        final List<String> created = new TopicSetup(config).ensure();
        if (!created.isEmpty()) {
            LOG.info("Created topics {}", created);
        }
        RegistryProbe.check(config);
        final AuthwatchService service = new AuthwatchService(config, metrics, topology.get());
        service.streams.start();
        LOG.info("authwatch '{}' started against {}", config.string("application.id"),
                config.string("bootstrap.servers"));
        return service;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public AuthwatchConfig config() {
        return config;
    }

    public AuthwatchMetrics metrics() {
        return metrics;
    }

    /** Whether the monitor is processing (Kafka Streams RUNNING). */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Waits until Kafka Streams is RUNNING; false when {@code timeout} passed first. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!isRunning()) {
            if (System.nanoTime() > deadline || stopped.getCount() == 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling a state that has no future to wait on
        }
        return true;
    }

    /** Blocks until Kafka Streams has stopped (closed, or failed for good). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        LOG.info("Stopping authwatch (waiting at most {} for in-flight work)", CLOSE_TIMEOUT);
        final boolean clean = streams.close(CLOSE_TIMEOUT);
        globalDeadLetters.close();
        if (clean) {
            // only once no thread can touch RocksDB any more: freeing the cache under it would crash the JVM
            memory.close();
        }
        stopped.countDown();
        LOG.info(clean ? "authwatch stopped" : "authwatch stopped without finishing in time");
    }
}
