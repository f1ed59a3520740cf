package io.authwatch.loadtest;

import org.HdrHistogram.Histogram;

/** Detection latencies in milliseconds (HdrHistogram, 3 significant digits, up to one hour). */
final class LatencyStats {

    /** A summary in milliseconds. */
    record Summary(long count, double p50, double p99, double p999, double max, double mean) {
    }

    private final Histogram histogram = new Histogram(3_600_000L, 3);

    void record(long millis) {
        histogram.recordValue(Math.max(0, Math.min(millis, histogram.getHighestTrackableValue())));
    }

    Summary summary() {
        if (histogram.getTotalCount() == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Summary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                histogram.getMean());
    }
}
