package io.authwatch.loadtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.simulator.GeneratedEvent;
import io.authwatch.simulator.GroundTruth;
import io.authwatch.simulator.PlantedViolation;
import io.authwatch.simulator.TrafficGenerator;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.AuthwatchTopology;
import io.authwatch.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The monitor fed live at a fixed offered load: records are produced at a steady rate to a topic
 * with broker-side (log-append) timestamps, so each acknowledgement says when the record was
 * appended. Detection latency is then the time from the append of the deciding event (as the
 * ground truth names it) until the violation is visible to a {@code read_committed} consumer.
 */
final class LivePhase {

    /** Per second of the phase: records acknowledged, records the monitor committed, immediate latencies. */
    record Second(long second, long offered, long processed, long detections, double p50Ms, double p99Ms) {
    }

    /** What the phase measured. */
    record Result(double targetRate, long records, double produceSeconds, double offeredRate,
                  Map<PlantedViolation.Decision, LatencyStats.Summary> latency, double warmUpSeconds,
                  Map<PlantedViolation.Decision, LatencyStats.Summary> latencyAfterWarmUp, Accuracy accuracy,
                  long peakHeapUsed, long peakHeapAfterGc, long liveHeapAtEnd, long peakRss, long peakStateDirBytes,
                  double monitorDuplicates, double generatedDuplicates, double monitorSequenceGaps, List<Second> series) {
    }

    /** The first seconds, while the JIT compiles and caches fill, reported apart. */
    private static final long WARM_UP_MS = 20_000;

    private LivePhase() {
    }

    static Result run(BenchCluster cluster, AuthwatchConfig config, HeapWatch heap, TrafficGenerator generator,
                      double rate, Duration settleAtLeast) {
        final Topics topics = Topics.from(config);
        final String input = topics.telemetry().name();
        try (StreamsRun monitor = new StreamsRun("authwatch-live", m -> AuthwatchTopology.build(config, m), config,
                cluster, input, heap).start();
             ViolationReader reader = new ViolationReader(cluster, topics)) {
            final Feed feed = new Feed(generator.groundTruth());
            final long t0 = System.currentTimeMillis();
            final long records;
            final double produceSeconds;
            try (KafkaProducer<String, TelemetryEvent> producer = new KafkaProducer<>(producerProperties(cluster),
                    new StringSerializer(), topics.telemetry().valueSerde().serializer())) {
                final long start = System.nanoTime();
                records = feed.produce(generator, producer, input, rate, t0);
                produceSeconds = (System.nanoTime() - start) / 1e9;
            }
            monitor.awaitConsumed(records, Duration.ofMinutes(10));
            reader.awaitSettled(settleAtLeast, Duration.ofSeconds(10), Duration.ofMinutes(5));
            final GroundTruth truth = generator.groundTruth();
            final Accuracy accuracy = Accuracy.score(truth, reader.violations());
            final List<ResourceSampler.Sample> samples = monitor.samples();
            final long liveHeap = ResourceSampler.fullGcHeap();
            final long warmUp = Math.min(WARM_UP_MS, (long) (produceSeconds * 1000 / 3));
            return new Result(rate, records, produceSeconds, records / produceSeconds,
                    latencies(truth, reader.seen(), feed.appendTimes, t0, 0, null), warmUp / 1000.0,
                    latencies(truth, reader.seen(), feed.appendTimes, t0, t0 + warmUp, null),
                    accuracy, samples.stream().mapToLong(ResourceSampler.Sample::heapUsed).max().orElse(0),
                    heap.maxAfterGc(), liveHeap, samples.stream().mapToLong(ResourceSampler.Sample::rss).max().orElse(0),
                    samples.stream().mapToLong(ResourceSampler.Sample::stateDirBytes).max().orElse(0),
                    monitor.counter("authwatch_duplicate_events"), truth.duplicates(),
                    monitor.counter("authwatch_sequence_gaps"),
                    series(truth, reader.seen(), feed, samples, monitor.samplesStartMillis(), t0));
        }
    }

    /**
     * Latency by decision kind of the violations seen from {@code notBefore} on; with
     * {@code perSecond} given, also the immediate ones by second seen.
     */
    private static Map<PlantedViolation.Decision, LatencyStats.Summary> latencies(GroundTruth truth,
            List<ViolationReader.Seen> seen, Map<String, Long> appendTimes, long t0, long notBefore,
            Map<Long, LatencyStats> perSecond) {
        final Map<String, PlantedViolation> planted = truth.byMatchKey();
        final Map<PlantedViolation.Decision, LatencyStats> stats = new EnumMap<>(PlantedViolation.Decision.class);
        final Set<String> counted = new HashSet<>();
        for (final ViolationReader.Seen s : seen) {
            final PlantedViolation p = planted.get(PlantedViolation.matchKey(s.violation().getRule(),
                    s.violation().getPromptEventId()));
            final Long appended = p == null ? null : appendTimes.get(p.decidingEventId());
            if (appended == null || s.seenAt() < notBefore || !counted.add(s.violation().getViolationId())) {
                continue;
            }
            final long latency = s.seenAt() - appended;
            stats.computeIfAbsent(p.decision(), d -> new LatencyStats()).record(latency);
            if (perSecond != null && p.decision() == PlantedViolation.Decision.IMMEDIATE) {
                perSecond.computeIfAbsent((s.seenAt() - t0) / 1000, k -> new LatencyStats()).record(latency);
            }
        }
        final Map<PlantedViolation.Decision, LatencyStats.Summary> out = new EnumMap<>(PlantedViolation.Decision.class);
        stats.forEach((d, l) -> out.put(d, l.summary()));
        return out;
    }

    private static List<Second> series(GroundTruth truth, List<ViolationReader.Seen> seen, Feed feed,
                                       List<ResourceSampler.Sample> samples, long samplesStart, long t0) {
        final Map<Long, LatencyStats> perSecond = new TreeMap<>();
        latencies(truth, seen, feed.appendTimes, t0, 0, perSecond);
        final Map<Long, Long> processed = new TreeMap<>();
        long previous = 0;
        for (final ResourceSampler.Sample s : samples) {
            final long at = s.t() + samplesStart - t0;
            if (at >= 0) {
                processed.merge(at / 1000, s.processed() - previous, Long::sum);
            }
            previous = s.processed();
        }
        final long last = Math.max(feed.acked.keySet().stream().mapToLong(Long::longValue).max().orElse(0),
                perSecond.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
        final List<Second> out = new ArrayList<>();
        for (long sec = 0; sec <= last; sec++) {
            final LongAdder offered = feed.acked.get(sec);
            final LatencyStats l = perSecond.get(sec);
            final LatencyStats.Summary sum = l == null ? null : l.summary();
            out.add(new Second(sec, offered == null ? 0 : offered.sum(), processed.getOrDefault(sec, 0L),
                    sum == null ? 0 : sum.count(), sum == null ? Double.NaN : sum.p50(),
                    sum == null ? Double.NaN : sum.p99()));
        }
        return out;
    }

    private static Properties producerProperties(BenchCluster cluster) {
        final Properties p = cluster.producerProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return p;
    }

    /** The paced producer: remembers append times of the events that decide a planted violation. */
    private static final class Feed {
        private final GroundTruth truth;
        private final Set<String> deciding = new HashSet<>();
        private final Map<String, Long> appendTimes = new ConcurrentHashMap<>();
        private final Map<Long, LongAdder> acked = new ConcurrentHashMap<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private int indexed;

        Feed(GroundTruth truth) {
            this.truth = truth;
        }

        long produce(TrafficGenerator generator, KafkaProducer<String, TelemetryEvent> producer, String topic,
                     double rate, long t0) {
            final long interval = (long) (1e9 / rate);
            long due = System.nanoTime();
            long records = 0;
            while (generator.hasNext() && failure.get() == null) {
                final GeneratedEvent e = generator.next();
                index();
                final long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                due += interval;
                final String eventId = e.value().getEventId();
                final boolean track = !e.label().duplicate() && deciding.contains(eventId);
                producer.send(new ProducerRecord<>(topic, e.key(), e.value()), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                        return;
                    }
                    if (track) {
                        appendTimes.put(eventId, metadata.timestamp());
                    }
                    acked.computeIfAbsent((System.currentTimeMillis() - t0) / 1000, k -> new LongAdder()).increment();
                });
                records++;
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("cannot write the live input to " + topic, failure.get());
            }
            return records;
        }

        /** Picks up the violations planned since the last call (planning runs ahead of delivery). */
        private void index() {
            final List<PlantedViolation> planted = truth.violations();
            while (indexed < planted.size()) {
                deciding.add(planted.get(indexed++).decidingEventId());
            }
        }
    }
}
