package io.authwatch.backtest;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The replay's progress on the terminal (stderr), every {@value #EVERY_MS} ms: records read, the share
 * of the span, which part of it (warm-up or the range), the rate and the time left.
 */
final class Progress {

    static final long EVERY_MS = 2_000;

    private final PrintStream out;
    private final long total;
    private final long startNs = System.nanoTime();
    private long lastPrintNs = startNs;
    private long records;
    private boolean inRange;

    Progress(PrintStream out, long total) {
        this.out = out;
        this.total = Math.max(1, total);
    }

    void record(boolean inRangeNow) {
        records++;
        inRange = inRangeNow;
        if ((records & 1023) == 0) {
            final long now = System.nanoTime();
            if (now - lastPrintNs >= EVERY_MS * 1_000_000) {
                lastPrintNs = now;
                out.println(line(now));
            }
        }
    }

    long records() {
        return records;
    }

    double seconds() {
        return (System.nanoTime() - startNs) / 1e9;
    }

    double rate() {
        final double s = seconds();
        return s <= 0 ? 0 : records / s;
    }

    String line(long nowNs) {
        final double elapsed = (nowNs - startNs) / 1e9;
        final double rate = elapsed <= 0 ? 0 : records / elapsed;
        final long left = Math.max(0, total - records);
        final long eta = rate <= 0 ? 0 : Math.round(left / rate);
        return String.format(Locale.ROOT, "backtest: %,d / %,d records (%.1f%%, %s), %,.0f records/s, ETA %d:%02d",
                records, total, 100.0 * Math.min(records, total) / total, inRange ? "range" : "warm-up", rate,
                eta / 60, eta % 60);
    }

    void done(String what) {
        out.println(String.format(Locale.ROOT, "backtest: %,d records replayed twice in %.1f s (%,.0f records/s); %s",
                records, seconds(), rate(), what));
    }
}
