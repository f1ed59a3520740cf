package io.authwatch.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Every random choice of the generator, from one seeded stream: the same seed and the same calls
 * give the same choices, which is what makes a dataset reproducible.
 */
final class Dice {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SplittableRandom random;

    Dice(long seed) {
        this.random = new SplittableRandom(seed);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double unit() {
        return random.nextDouble();
    }

    /** A whole number in [lo, hi], both included. */
    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /** Milliseconds in [lo, hi), as a think time or a pause. */
    long millis(long lo, long hi) {
        return random.nextLong(lo, hi);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A geometric count with the given mean (0 when the mean is 0). */
    int geometric(double mean) {
        if (mean <= 0) {
            return 0;
        }
        final double p = 1 / (1 + mean);
        return (int) Math.min(200, Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p)));
    }

    /** Exponentially distributed gap with the given mean, for arrivals. */
    double exponential(double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }

    /** A random version-4 UUID string. */
    String uuid() {
        final long hi = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        final long lo = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        final String h = hex(hi, 16);
        final String l = hex(lo, 16);
        return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12) + '-' + l.substring(0, 4)
                + '-' + l.substring(4);
    }

    /** {@code digits} lower-case hex digits of {@code value}. */
    static String hex(long value, int digits) {
        final char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(out);
    }

    /** A well-mixed 64-bit value of {@code x} (SplitMix64's finalizer), for ids derived from indexes. */
    static long mix(long x) {
        long z = x + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
