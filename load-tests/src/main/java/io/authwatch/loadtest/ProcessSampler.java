package io.authwatch.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples, every {@value #INTERVAL_MS} ms while a contender runs: the CPU time (user + system) of
 * the contender's JVM and of the broker's from {@code /proc/<pid>/stat}, the contender's resident
 * set, and (for Kafka Streams contenders) the records its consumer group has committed. Each
 * sample carries {@link System#nanoTime()}, so that the figures can be cut to the measured window.
 */
final class ProcessSampler implements AutoCloseable {

    static final long INTERVAL_MS = 50;
    /** Clock ticks per second of /proc's CPU times ({@code getconf CLK_TCK}; 100 on Linux). */
    static final double TICKS_PER_SECOND = clockTicks();

    private final long monitorPid;
    private final long brokerPid;
    private final LongSupplier committed;
    private final List<CompareMath.Point> monitorCpu = new ArrayList<>();
    private final List<CompareMath.Point> brokerCpu = new ArrayList<>();
    private final List<CompareMath.Point> committedRecords = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private long peakRss;

    ProcessSampler(long monitorPid, long brokerPid, LongSupplier committed) {
        this.monitorPid = monitorPid;
        this.brokerPid = brokerPid;
        this.committed = committed;
        sample();
        this.thread = new Thread(this::loop, "compare-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private void sample() {
        final long now = System.nanoTime();
        final double m = cpuSeconds(monitorPid);
        final double b = cpuSeconds(brokerPid);
        final long c = committed == null ? -1 : committed.getAsLong();
        final long rss = rss(monitorPid);
        synchronized (this) {
            if (!Double.isNaN(m)) {
                monitorCpu.add(new CompareMath.Point(now, m));
            }
            if (!Double.isNaN(b)) {
                brokerCpu.add(new CompareMath.Point(now, b));
            }
            if (c >= 0) {
                committedRecords.add(new CompareMath.Point(now, c));
            }
            peakRss = Math.max(peakRss, rss);
        }
    }

    synchronized List<CompareMath.Point> monitorCpu() {
        return List.copyOf(monitorCpu);
    }

    synchronized List<CompareMath.Point> brokerCpu() {
        return List.copyOf(brokerCpu);
    }

    synchronized List<CompareMath.Point> committed() {
        return List.copyOf(committedRecords);
    }

    synchronized long peakRss() {
        return peakRss;
    }

    /** CPU seconds used so far by {@code pid}; NaN once it has ended. */
    static double cpuSeconds(long pid) {
        try {
            return CompareMath.cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
                    / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long rss(long pid) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // ended
        }
        return 0;
    }

    private static double clockTicks() {
        try {
            final Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
