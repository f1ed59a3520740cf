package io.authwatch.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.authwatch.simulator.PlantedViolation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a {@link BenchReport} as report.json, summary.md and chart.png. */
final class ReportWriter {

    private static final double MIB = 1024 * 1024;

    private final Path dir;

    ReportWriter(Path dir) {
        this.dir = dir;
    }

    void write(BenchReport report) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("report.json").toFile(), report);
        Files.writeString(dir.resolve("summary.md"), summary(report), StandardCharsets.UTF_8);
        Chart.write(dir.resolve("chart.png"), "authwatch benchmark, " + report.startedAt().substring(0, 10),
                panels(report));
    }

    String summary(BenchReport r) {
        final StringBuilder md = new StringBuilder();
        final MachineInfo m = r.machine();
        line(md, "# authwatch benchmark");
        line(md, "");
        line(md, "Run %s, %.0f s of wall-clock time in all.", r.startedAt(), r.wallSeconds());
        line(md, "Machine: %s, %d cores, %.0f GiB RAM; %s; %s; Kafka %s; benchmark JVM max heap %.0f MiB.",
                m.cpuModel(), m.cores(), m.memoryBytes() / MIB / 1024, m.os(), m.java(), m.kafkaVersion(),
                m.maxHeapBytes() / MIB);
        line(md, "Command: `%s`", command(r.options()));
        r.notes().forEach(n -> line(md, "%s", n));
        final BenchReport.Dataset in = r.throughputInput();
        line(md, "");
        line(md, "## Throughput");
        line(md, "");
        line(md, "Input: %,d records preloaded on %d partitions (%,d sessions of ~%,d users, %,d duplicates, %,d "
                        + "delivered out of order, %,d planted violations, %,d near-misses). Each run reads it all from "
                        + "offset 0 with fresh state, %d stream thread(s). Sustained = events/s between 10 %% and 90 %% "
                        + "of the input (the overall rate when a run is too short to tell).", in.records(),
                in.partitions(), in.sessions(), in.distinctUsers(), in.duplicates(), in.displaced(), in.planted(),
                in.nearMisses(), r.options().threads());
        line(md, "");
        line(md, "| application | guarantee | commit interval | sustained events/s | overall events/s | peak heap | "
                + "live heap at end | peak state dir |");
        line(md, "|---|---|---|---:|---:|---:|---:|---:|");
        for (final StreamsRun.Result t : r.throughput()) {
            line(md, "| %s | %s | %d ms | %,.0f | %,.0f | %.0f MiB | %.0f MiB | %.1f MiB |", t.name(), t.guarantee(),
                    t.commitIntervalMs(), t.sustainedEventsPerSecond(), t.eventsPerSecond(), t.peakHeapUsed() / MIB,
                    t.liveHeapAtEnd() / MIB, t.peakStateDirBytes() / MIB);
        }
        line(md, "");
        line(md, "Peak heap is the most the heap held (garbage included); live heap is what a full collection "
                + "leaves once the input is consumed (the benchmark's own clients included).");
        line(md, "");
        r.authwatchOverBaseline().forEach((k, v) -> line(md, "- authwatch / baseline, %s: **%.2f**", k, v));
        if (r.accuracy() != null) {
            line(md, "");
            line(md, "## Accuracy (exactly_once_v2, 100 ms, the preloaded input)");
            line(md, "");
            accuracy(md, r.accuracy());
            final java.util.Map<String, Double> c = r.monitorCounters();
            if (!c.isEmpty()) {
                line(md, "");
                line(md, "The monitor's own counters: %.0f events, %.0f duplicates recognised (%,d delivered), %.0f "
                                + "sequence gaps skipped, %.0f records to the DLQ.", c.get("authwatch_events_total"),
                        c.get("authwatch_duplicate_events_total"), r.throughputInput().duplicates(),
                        c.get("authwatch_sequence_gaps_total"), c.get("authwatch_dlq_records_total"));
            }
        }
        if (r.live() != null) {
            live(md, r.live());
        }
        if (r.scale() != null) {
            scale(md, r.scale());
        }
        targets(md, r);
        return md.toString();
    }

    private static void accuracy(StringBuilder md, Accuracy a) {
        line(md, "Precision **%.4f**, recall **%.4f**: %,d planted, %,d detected, %,d true positives, %,d false "
                        + "positives, %,d false negatives; %d violationIds emitted twice; %d severity and %d confidence "
                        + "mismatches.", a.precision(), a.recall(), a.planted(), a.detected(), a.truePositives(),
                a.falsePositives(), a.falseNegatives(), a.duplicateEmissions(), a.severityMismatches(),
                a.confidenceMismatches());
        if (!a.examples().isEmpty()) {
            line(md, "");
            a.falsePositivesByCause().forEach((k, v) -> line(md, "- false positives, %s: %d", k, v));
            a.falseNegativesByScenario().forEach((k, v) -> line(md, "- missed, %s: %d", k, v));
        }
    }

    private static void live(StringBuilder md, LivePhase.Result l) {
        line(md, "");
        line(md, "## Detection latency (live, exactly_once_v2, 100 ms)");
        line(md, "");
        line(md, "Offered load %,.0f events/s (target %,.0f, half the sustained rate) for %.0f s: %,d records. Latency "
                        + "is from the broker's append of the deciding event to the violation being readable by a "
                        + "read_committed consumer.", l.offeredRate(), l.targetRate(), l.produceSeconds(), l.records());
        line(md, "");
        line(md, "| decided | violations | p50 | p99 | p99.9 | max |");
        line(md, "|---|---:|---:|---:|---:|---:|");
        l.latency().forEach((d, s) -> line(md, "| %s | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |", decided(d),
                s.count(), s.p50(), s.p99(), s.p999(), s.max()));
        final LatencyStats.Summary steady = l.latencyAfterWarmUp().get(PlantedViolation.Decision.IMMEDIATE);
        if (steady != null) {
            line(md, "| immediately, leaving out the first %.0f s (warm-up) | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |",
                    l.warmUpSeconds(), steady.count(), steady.p50(), steady.p99(), steady.p999(), steady.max());
        }
        line(md, "");
        line(md, "Peak heap %.0f MiB, live heap at the end %.0f MiB (after a full collection), peak state dir %.1f "
                        + "MiB. Duplicates recognised by the monitor: %.0f of %.0f delivered; sequence gaps counted: "
                        + "%.0f.", l.peakHeapUsed() / MIB, l.liveHeapAtEnd() / MIB, l.peakStateDirBytes() / MIB,
                l.monitorDuplicates(), l.generatedDuplicates(), l.monitorSequenceGaps());
        line(md, "");
        accuracy(md, l.accuracy());
    }

    private static void scale(StringBuilder md, BenchReport.Scale s) {
        final StreamsRun.Result run = s.run();
        line(md, "");
        line(md, "## Many users (exactly_once_v2, %d ms)", s.commitIntervalMs());
        line(md, "");
        line(md, "%,d records from ~%,d distinct users (nearly every visit a new user), preloaded on %d partitions; shared "
                        + "RocksDB memory %.0f MiB (block cache and memtables); JVM max heap %.0f MiB.",
                s.input().records(), s.input().distinctUsers(), s.input().partitions(), s.rocksDbMemoryBytes() / MIB,
                s.maxHeapBytes() / MIB);
        line(md, "");
        line(md, "Sustained %,.0f events/s. Peak heap %.0f MiB (garbage included), peak process RSS %.0f MiB (heap, "
                        + "RocksDB and the rest of the JVM); state dir %.0f MiB at the end.",
                run.sustainedEventsPerSecond(), run.peakHeapUsed() / MIB, run.peakRss() / MIB,
                run.finalStateDirBytes() / MIB);
        line(md, "");
        line(md, "The monitor skipped %.0f sequence gaps (`ordering.grace` or a full buffer); the generator delivered %,d "
                + "events out of order.", s.sequenceGaps(), s.input().displaced());
        line(md, "");
        line(md, "| records committed | ~users seen | live heap (after a full collection) | state dir |");
        line(md, "|---:|---:|---:|---:|");
        final List<ResourceSampler.LiveHeap> points = new ArrayList<>(run.liveHeap());
        points.add(new ResourceSampler.LiveHeap(run.records(), run.liveHeapAtEnd()));
        for (final ResourceSampler.LiveHeap p : points) {
            final long stateDir = run.samples().stream().filter(x -> x.processed() >= p.processed())
                    .mapToLong(ResourceSampler.Sample::stateDirBytes).findFirst().orElse(run.finalStateDirBytes());
            line(md, "| %,d | %,d | %.0f MiB | %.0f MiB |", p.processed(),
                    s.input().distinctUsers() * p.processed() / Math.max(1, run.records()), p.heapBytes() / MIB,
                    stateDir / MIB);
        }
        line(md, "");
        accuracy(md, s.accuracy());
    }

    private static void targets(StringBuilder md, BenchReport r) {
        line(md, "");
        line(md, "## Targets");
        line(md, "");
        line(md, "| target | measured | met |");
        line(md, "|---|---|---|");
        final Double ratio = r.authwatchOverBaseline().get("exactly_once_v2 @ 100 ms");
        if (ratio != null) {
            line(md, "| throughput ≥ 0.7 × pass-through (exactly_once_v2, 100 ms) | %.2f × | %s |", ratio,
                    met(ratio >= 0.7));
        }
        if (r.live() != null) {
            final LatencyStats.Summary immediate = r.live().latency().get(PlantedViolation.Decision.IMMEDIATE);
            final LatencyStats.Summary steady = r.live().latencyAfterWarmUp().get(PlantedViolation.Decision.IMMEDIATE);
            if (immediate != null && steady != null) {
                line(md, "| p99 latency ≤ 250 ms, immediate rules, half the sustained rate | %.0f ms after the first "
                        + "%.0f s (%.0f ms over the whole phase) | %s |", steady.p99(), r.live().warmUpSeconds(),
                        immediate.p99(), met(steady.p99() <= 250));
            }
        }
        if (r.scale() != null) {
            line(md, "| heap ≤ 512 MiB with 10 M users | peak %.0f MiB, live %.0f MiB at the end, with ~%,d users | %s |",
                    r.scale().run().peakHeapUsed() / MIB, r.scale().run().liveHeapAtEnd() / MIB,
                    r.scale().input().distinctUsers(),
                    r.scale().input().distinctUsers() >= 10_000_000 ? met(r.scale().run().peakHeapUsed() <= 512 * MIB)
                            : "not run at 10 M here: see the live heap by users above");
        }
        final List<Accuracy> all = new ArrayList<>();
        if (r.accuracy() != null) {
            all.add(r.accuracy());
        }
        if (r.live() != null) {
            all.add(r.live().accuracy());
        }
        if (r.scale() != null) {
            all.add(r.scale().accuracy());
        }
        final boolean perfect = !all.isEmpty() && all.stream().allMatch(a -> a.precision() == 1.0 && a.recall() == 1.0);
        line(md, "| precision = recall = 1.0 | %s | %s |", String.join("; ", all.stream()
                .map(a -> String.format(Locale.ROOT, "%.4f / %.4f", a.precision(), a.recall())).toList()), met(perfect));
    }

    private static String decided(PlantedViolation.Decision d) {
        return switch (d) {
            case IMMEDIATE -> "immediately (1.x, blocking 2/3, 4)";
            case AFTER_WINDOW -> "when a later event passes the 30 s window";
            case SESSION_QUIET -> "when the session has gone quiet (30 s + sweep)";
        };
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    static String command(BenchmarkMain.Options o) {
        final StringBuilder c = new StringBuilder("java -Xmx").append(Math.round(Runtime.getRuntime().maxMemory() / MIB))
                .append("m -jar load-tests/target/authwatch-bench.jar");
        if (o.bootstrap() != null) {
            c.append(" --bootstrap ").append(o.bootstrap());
        }
        c.append(" --events ").append(o.events()).append(" --partitions ").append(o.partitions())
                .append(" --apps ").append(o.apps()).append(" --users ").append(o.users())
                .append(" --seed ").append(o.seed());
        if (!o.matrix()) {
            c.append(" --no-matrix");
        }
        c.append(" --live-seconds ").append(o.liveSeconds());
        if (o.liveRate() > 0) {
            c.append(" --live-rate ").append(o.liveRate());
        }
        c.append(" --scale-events ").append(o.scaleEvents());
        if (o.scaleCommitMs() != 100) {
            c.append(" --scale-commit-ms ").append(o.scaleCommitMs());
        }
        if (o.threads() != 1) {
            c.append(" --threads ").append(o.threads());
        }
        if (o.rocksDbMemoryBytes() > 0) {
            c.append(" --rocksdb-memory ").append(o.rocksDbMemoryBytes());
        }
        return c.toString();
    }

    private static List<Chart.Panel> panels(BenchReport r) {
        final List<Chart.Panel> panels = new ArrayList<>();
        if (r.throughput().size() >= 2) {
            panels.add(new Chart.Panel("Throughput, preloaded input (exactly_once_v2, 100 ms)", "seconds since RUNNING",
                    "events/s", List.of(rate(r.throughput().get(0), "pass-through baseline", Chart.GREY),
                    rate(r.throughput().get(1), "authwatch", Chart.BLUE))));
        }
        if (r.live() != null) {
            final List<LivePhase.Second> s = r.live().series();
            panels.add(new Chart.Panel("Live phase: offered load and the monitor's progress", "seconds", "events/s",
                    List.of(series("offered (acked)", Chart.GREY, s, x -> (double) x.offered()),
                            series("committed by authwatch", Chart.BLUE, s, x -> (double) x.processed()))));
            panels.add(new Chart.Panel("Live phase: detection latency of immediate rules, per second", "seconds", "ms",
                    List.of(series("p50", Chart.GREEN, s, LivePhase.Second::p50Ms),
                            series("p99", Chart.RED, s, LivePhase.Second::p99Ms))));
        }
        if (r.scale() != null) {
            final List<ResourceSampler.Sample> s = r.scale().run().samples();
            panels.add(new Chart.Panel(String.format(Locale.ROOT, "Many users (~%,d): heap and state while processing",
                    r.scale().input().distinctUsers()), "seconds since RUNNING", "MiB", List.of(
                    samples("heap used", Chart.GREY, s, x -> x.heapUsed() / MIB),
                    samples("heap after GC", Chart.BLUE, s, x -> x.heapAfterGc() / MIB),
                    samples("state dir", Chart.ORANGE, s, x -> x.stateDirBytes() / MIB))));
        }
        return panels;
    }

    private static Chart.Series rate(StreamsRun.Result run, String name, java.awt.Color color) {
        final List<ResourceSampler.Sample> s = run.samples();
        final double[] x = new double[Math.max(0, s.size() - 2)];
        final double[] y = new double[x.length];
        for (int i = 2; i < s.size(); i++) {
            final ResourceSampler.Sample a = s.get(i - 2);
            final ResourceSampler.Sample b = s.get(i);
            x[i - 2] = b.t() / 1000.0;
            y[i - 2] = b.t() == a.t() ? Double.NaN : (b.processed() - a.processed()) * 1000.0 / (b.t() - a.t());
        }
        return new Chart.Series(name, color, x, y);
    }

    private static Chart.Series series(String name, java.awt.Color color, List<LivePhase.Second> s,
                                       java.util.function.ToDoubleFunction<LivePhase.Second> f) {
        return new Chart.Series(name, color, s.stream().mapToDouble(LivePhase.Second::second).toArray(),
                s.stream().mapToDouble(f).toArray());
    }

    private static Chart.Series samples(String name, java.awt.Color color, List<ResourceSampler.Sample> s,
                                        java.util.function.ToDoubleFunction<ResourceSampler.Sample> f) {
        return new Chart.Series(name, color, s.stream().mapToDouble(x -> x.t() / 1000.0).toArray(),
                s.stream().mapToDouble(f).toArray());
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
