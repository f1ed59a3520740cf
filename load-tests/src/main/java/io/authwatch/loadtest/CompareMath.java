package io.authwatch.loadtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arithmetic of {@code authwatch-bench compare}, kept apart from processes and brokers so that it
 * can be tested on its own: rates, medians and ranges, CPU time from {@code /proc/<pid>/stat}, the
 * measured window from sampled offsets, topic kinds, and the peer's result lines.
 */
final class CompareMath {

    private CompareMath() {
    }

    /** Median, lowest and highest of a contender's runs. */
    record Spread(double median, double min, double max, int n) {
    }

    /** The median (mean of the middle two for an even count), minimum and maximum; null for no values. */
    static Spread spread(Collection<Double> values) {
        final List<Double> v = new ArrayList<>();
        for (final Double d : values) {
            if (d != null && !d.isNaN()) {
                v.add(d);
            }
        }
        if (v.isEmpty()) {
            return null;
        }
        Collections.sort(v);
        final int n = v.size();
        final double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Spread(median, v.get(0), v.get(n - 1), n);
    }

    /** Records per second over {@code [startNanos, endNanos]}. */
    static double rate(long records, long startNanos, long endNanos) {
        if (endNanos <= startNanos) {
            throw new IllegalArgumentException("the measured window is empty: " + startNanos + " .. " + endNanos);
        }
        return records * 1e9 / (endNanos - startNanos);
    }

    /** {@code value} per 1,000,000 records. */
    static double perMillion(double value, long records) {
        return records == 0 ? Double.NaN : value * 1_000_000.0 / records;
    }

    /**
     * utime + stime (fields 14 and 15 of {@code /proc/<pid>/stat}) in clock ticks. The command name
     * (field 2) is in parentheses and may itself hold spaces and parentheses, so the fields are counted
     * from the last closing parenthesis.
     */
    static long cpuTicks(String procStat) {
        final int close = procStat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + procStat);
        }
        final String[] f = procStat.substring(close + 2).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** One sample of a timeline: when (System.nanoTime) and a cumulative value. */
    record Point(long nanos, double value) {
    }

    /**
     * The cumulative value at {@code nanos}, linearly interpolated between the samples around it
     * (the first or last sample's value outside them); NaN without samples.
     */
    static double at(List<Point> timeline, long nanos) {
        if (timeline.isEmpty()) {
            return Double.NaN;
        }
        Point before = null;
        for (final Point p : timeline) {
            if (p.nanos() == nanos) {
                return p.value();
            }
            if (p.nanos() > nanos) {
                if (before == null) {
                    return p.value();
                }
                final double share = (double) (nanos - before.nanos()) / (p.nanos() - before.nanos());
                return before.value() + share * (p.value() - before.value());
            }
            before = p;
        }
        return before.value();
    }

    /** The growth of a cumulative timeline over {@code [from, to]}. */
    static double delta(List<Point> timeline, long from, long to) {
        return at(timeline, to) - at(timeline, from);
    }

    /**
     * The end of a run from sampled committed offsets: the time of the first sample at which the
     * consumer group had committed {@code target} records (the work before it is durable then);
     * empty when none had.
     */
    static OptionalDouble firstReaching(List<Point> committed, long target) {
        for (final Point p : committed) {
            if (p.value() >= target) {
                return OptionalDouble.of(p.nanos());
            }
        }
        return OptionalDouble.empty();
    }

    /** What a topic is, as far as a run's bytes written are concerned. */
    enum TopicKind { CHANGELOG, REPARTITION, OUTPUT }

    /**
     * The kind of {@code topic} for the run of Kafka Streams application {@code applicationId}
     * writing to {@code outputs}; null for a topic the run did not write (its input, other runs').
     */
    static TopicKind kind(String topic, String applicationId, Collection<String> outputs) {
        if (outputs.contains(topic)) {
            return TopicKind.OUTPUT;
        }
        if (applicationId == null || !topic.startsWith(applicationId + "-")) {
            return null;
        }
        if (topic.endsWith("-changelog")) {
            return TopicKind.CHANGELOG;
        }
        if (topic.endsWith("-repartition")) {
            return TopicKind.REPARTITION;
        }
        return null;
    }

    private static final Pattern FIELD = Pattern.compile("([a-z_]+)=([^\\s]+)");

    /** The {@code key=value} fields of a line such as the peer's {@code mode=cep records=… rate=…}. */
    static Map<String, String> fields(String line) {
        final Map<String, String> out = new java.util.LinkedHashMap<>();
        final Matcher m = FIELD.matcher(line);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** A long field of {@code line}, or {@code otherwise} when it is missing. */
    static long longField(String line, String name, long otherwise) {
        final String v = fields(line).get(name);
        return v == null ? otherwise : Long.parseLong(v);
    }
}
