package io.authwatch.loadtest;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured, as written to {@code report.json}. Rates in events per
 * second, sizes in bytes, latencies in milliseconds.
 */
record BenchReport(String startedAt, double wallSeconds, MachineInfo machine, BenchmarkMain.Options options,
                   Dataset throughputInput, List<StreamsRun.Result> throughput, Map<String, Double> authwatchOverBaseline,
                   Accuracy accuracy, Map<String, Double> monitorCounters, LivePhase.Result live, Scale scale,
                   List<String> notes) {

    /** A preloaded input: what the generator wrote and what it planted. */
    record Dataset(String topic, int partitions, long records, long distinctUsers, long sessions, long duplicates,
                   long displaced, long planted, long nearMisses, long demotedVisits, double preloadSeconds,
                   Map<String, Long> visitsByScenario) {
    }

    /** The many-users run; {@code sequenceGaps}: the gaps the monitor skipped (authwatch_sequence_gaps_total). */
    record Scale(Dataset input, StreamsRun.Result run, Accuracy accuracy, long rocksDbMemoryBytes, long maxHeapBytes,
                 long commitIntervalMs, double sequenceGaps) {
    }
}
