package io.authwatch.loadtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.runtime.RocksDbMemory;
import io.authwatch.runtime.StreamsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * One Kafka Streams application (the monitor or the pass-through baseline) started with the
 * service's own Streams settings, timed from RUNNING until it has committed its whole input.
 */
final class StreamsRun implements AutoCloseable {

    /** What one run measured. Rates in events per second; sizes in bytes. */
    record Result(String name, String guarantee, long commitIntervalMs, long records, double seconds,
                  double eventsPerSecond, double sustainedEventsPerSecond, long peakHeapUsed, long peakHeapAfterGc,
                  long liveHeapAtEnd, long peakRss, long peakStateDirBytes, long finalStateDirBytes,
                  List<ResourceSampler.LiveHeap> liveHeap, List<ResourceSampler.Sample> samples) {
    }

    private static final int KEPT_SAMPLES = 200;

    private final String name;
    private final AuthwatchConfig config;
    private final BenchCluster cluster;
    private final String inputTopic;
    private final HeapWatch heap;
    private final Path stateDir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RocksDbMemory memory;
    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private ResourceSampler sampler;
    private long runningAt;

    /** Builds (but does not start) {@code name} from {@code topology}, a function of its metrics. */
    StreamsRun(String name, Function<AuthwatchMetrics, Topology> topology, AuthwatchConfig config,
               BenchCluster cluster, String inputTopic, HeapWatch heap) {
        this.name = name;
        this.config = config;
        this.cluster = cluster;
        this.inputTopic = inputTopic;
        this.heap = heap;
        this.stateDir = Path.of(config.string("state.dir"));
        final AuthwatchMetrics metrics = new AuthwatchMetrics(registry);
        this.memory = new RocksDbMemory(config.longValue("rocksdb.memory.bytes"));
        final Properties props = StreamsSettings.of(config, metrics, memory);
        this.streams = new KafkaStreams(topology.apply(metrics), props);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /** Starts the application and returns once it is RUNNING. */
    StreamsRun start() {
        return start(new long[0]);
    }

    /** Starts it, forcing a full collection to measure the live heap as each of {@code checkpoints} records is committed. */
    StreamsRun start(long... checkpoints) {
        final CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        heap.reset();
        streams.start();
        try {
            if (!running.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not reach RUNNING within 120 s (state "
                        + streams.state() + ")", failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        runningAt = System.nanoTime();
        sampler = new ResourceSampler(() -> cluster.committed(config.string("application.id"), inputTopic), heap,
                stateDir, checkpoints);
        return this;
    }

    /** Waits until {@code target} input records are committed; the run's measurements. */
    Result awaitConsumed(long target, Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final String group = config.string("application.id");
        long doneAt;
        while (true) {
            checkHealthy();
            if (cluster.committed(group, inputTopic) >= target) {
                doneAt = System.nanoTime();
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " committed only " + cluster.committed(group, inputTopic)
                        + " of " + target + " records within " + timeout);
            }
            sleep(100);
        }
        final double seconds = (doneAt - runningAt) / 1e9;
        final List<ResourceSampler.Sample> samples = sampler.samples();
        final double sustained = sustained(samples, target);
        return new Result(name, config.string("processing.guarantee"), config.longValue("commit.interval.ms"),
                target, seconds, target / seconds, Double.isNaN(sustained) ? target / seconds : sustained,
                peak(samples, ResourceSampler.Sample::heapUsed), heap.maxAfterGc(), ResourceSampler.fullGcHeap(),
                peak(samples, ResourceSampler.Sample::rss), peak(samples, ResourceSampler.Sample::stateDirBytes),
                ResourceSampler.size(stateDir), sampler.liveHeap(), thin(samples));
    }

    /** Wall-clock time (ms) that the samples' {@code t} count from. */
    long samplesStartMillis() {
        return sampler.startedAtMillis();
    }

    /** Samples so far (for a run that is fed live rather than preloaded). */
    List<ResourceSampler.Sample> samples() {
        return sampler.samples();
    }

    /** A counter of the monitor's own metrics (CONTRACT.md section 9), summed over its tags. */
    double counter(String meter) {
        return registry.find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    void checkHealthy() {
        if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR) {
            throw new IllegalStateException(name + " failed", failure.get());
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
        streams.close(Duration.ofSeconds(60));
        memory.close();
        deleteRecursively(stateDir);
    }

    /** The events per second between 10 % and 90 % of the input: start-up and tail left out. */
    static double sustained(List<ResourceSampler.Sample> samples, long target) {
        ResourceSampler.Sample from = null;
        ResourceSampler.Sample to = null;
        for (final ResourceSampler.Sample s : samples) {
            if (from == null && s.processed() >= target / 10) {
                from = s;
            }
            if (to == null && s.processed() >= target * 9 / 10) {
                to = s;
            }
        }
        if (from == null || to == null || to.t() <= from.t()) {
            return Double.NaN; // too short a run to tell; the report then uses the overall rate
        }
        return (to.processed() - from.processed()) * 1000.0 / (to.t() - from.t());
    }

    /** At most {@value #KEPT_SAMPLES} evenly spaced samples (and the last), for the report and its chart. */
    static List<ResourceSampler.Sample> thin(List<ResourceSampler.Sample> samples) {
        if (samples.size() <= KEPT_SAMPLES) {
            return samples;
        }
        final List<ResourceSampler.Sample> out = new java.util.ArrayList<>();
        final double step = samples.size() / (double) KEPT_SAMPLES;
        for (int i = 0; i < KEPT_SAMPLES; i++) {
            out.add(samples.get((int) (i * step)));
        }
        out.add(samples.get(samples.size() - 1));
        return out;
    }

    private static long peak(List<ResourceSampler.Sample> samples, java.util.function.ToLongFunction<ResourceSampler.Sample> f) {
        return samples.stream().mapToLong(f).max().orElse(0);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
