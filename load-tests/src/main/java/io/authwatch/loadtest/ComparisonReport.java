package io.authwatch.loadtest;

import java.util.List;
import java.util.Map;

/** What {@code authwatch-bench compare} measured, as written to comparison.json. */
record ComparisonReport(String startedAt, double wallSeconds, MachineInfo machine, Settings settings, boolean fair,
                        Dataset dataset, List<Run> runs, List<Summary> contenders, List<Target> targets,
                        Correctness correctness, List<String> notes) {

    /** The command's settings; {@code fair} in the report is false below 2 M records or 3 rounds. */
    record Settings(long records, int rounds, String heap, int parallelism, int partitions, long seed,
                    String brokerHeap, List<String> contenders, String command) {
    }

    /** The peer's dataset as its generator wrote and described it. */
    record Dataset(String topic, long records, long users, long planted, long plantedContentHidden, long bytesOnDisk,
                   double generateSeconds) {
    }

    /**
     * One run of one contender. Times in seconds, sizes in bytes; {@code firstScreen} is authwatch's
     * 1.1 + 1.2 count (null for the others), {@code peerMatches}, {@code peerLateEvents} and
     * {@code peerBadRecords} what the peer printed (null for the others).
     */
    record Run(String contender, int round, int position, long records, double seconds, double rate,
               double monitorCpuSeconds, double brokerCpuSeconds, long changelogBytes, long repartitionBytes,
               long outputBytes, long stateBytes, long peakRssBytes, Long ruleCase11, Long ruleCase12,
               Long firstScreen, Long peerMatches, Long peerLateEvents, Long peerBadRecords, String window) {
    }

    /** Medians and ranges of a contender's runs; the per-1M figures are per 1,000,000 input records. */
    record Summary(String contender, String description, String guarantee, long commitMs, int runs,
                   CompareMath.Spread rate, CompareMath.Spread monitorCpuSecondsPerM,
                   CompareMath.Spread brokerCpuSecondsPerM, CompareMath.Spread changelogBytesPerM,
                   CompareMath.Spread repartitionBytesPerM, CompareMath.Spread outputBytesPerM,
                   CompareMath.Spread stateBytesPerUser, CompareMath.Spread peakRssBytes) {
    }

    /** A ratio of two contenders' median rates against the target. */
    record Target(String name, String numerator, String denominator, double ratio, double target, boolean met) {
    }

    /**
     * The truth is the peer's planted count (automatic prompts before the first interaction);
     * authwatch's 1.1 + 1.2 count of every run must equal it, and so must the peer's matches.
     */
    record Correctness(long truth, List<Long> peerMatches, long peerLateEvents, long peerBadRecords,
                       Map<String, List<Long>> authwatchFirstScreen, boolean authwatchEqualsTruth,
                       boolean peerEqualsTruth) {
    }
}
