package io.authwatch.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Samples, four times a second while an application runs: how many input records it has committed,
 * the heap (sampled and after the latest collection), the process's resident memory and the size
 * of the application's state directory.
 */
final class ResourceSampler implements AutoCloseable {

    /** One sample; {@code t} in ms since the sampler started. */
    record Sample(long t, long processed, long heapUsed, long heapAfterGc, long rss, long stateDirBytes) {
    }

    /** The heap right after a full collection forced when {@code processed} records were committed. */
    record LiveHeap(long processed, long heapBytes) {
    }

    private static final long PERIOD_MS = 250;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<LiveHeap> liveHeap = Collections.synchronizedList(new ArrayList<>());
    private final long[] checkpoints;
    private int nextCheckpoint;
    private final long start = System.nanoTime();
    private final long startedAtMillis = System.currentTimeMillis();

    /**
     * Starts sampling. When the processed count passes each of {@code checkpoints}, a full
     * collection is forced and the heap left is recorded: young collections alone leave old
     * garbage in the heap, so only this shows the live set (at the cost of one pause each).
     */
    ResourceSampler(LongSupplier processed, HeapWatch heap, Path stateDir, long... checkpoints) {
        this.checkpoints = checkpoints.clone();
        executor.scheduleAtFixedRate(() -> sample(processed.getAsLong(), heap, stateDir), 0, PERIOD_MS,
                TimeUnit.MILLISECONDS);
    }

    private void sample(long processed, HeapWatch heap, Path stateDir) {
        samples.add(new Sample((System.nanoTime() - start) / 1_000_000, processed, HeapWatch.used(), heap.lastAfterGc(),
                rss(), size(stateDir)));
        if (nextCheckpoint < checkpoints.length && processed >= checkpoints[nextCheckpoint]) {
            nextCheckpoint++;
            liveHeap.add(new LiveHeap(processed, fullGcHeap()));
        }
    }

    /** Forces a full collection and returns the heap in use after it. */
    static long fullGcHeap() {
        System.gc();
        return HeapWatch.used();
    }

    List<LiveHeap> liveHeap() {
        synchronized (liveHeap) {
            return List.copyOf(liveHeap);
        }
    }

    /** Wall-clock time (ms) of the sampler's time 0. */
    long startedAtMillis() {
        return startedAtMillis;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The latest sample's processed count, or 0. */
    long processed() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).processed();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident memory of this process (bytes), from /proc; 0 where there is no /proc. */
    static long rss() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Total size of the files under {@code dir} (0 when it does not exist). */
    static long size(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted while walking (compaction)
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
