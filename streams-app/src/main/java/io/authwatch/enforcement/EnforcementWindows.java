package io.authwatch.enforcement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Tumbling event-time windows aligned to midnight in a zone (CONTRACT.md section 5): with the
 * defaults, a window is one calendar day in Asia/Shanghai. Sizes must be whole days or divide a day.
 */
public final class EnforcementWindows {

    private static final Duration DAY = Duration.ofDays(1);

    private final Duration size;
    private final ZoneId zone;

    public EnforcementWindows(Duration size, ZoneId zone) {
        if (size.isZero() || size.isNegative()) {
            throw new IllegalArgumentException("enforce.window must be positive, got " + size);
        }
        final boolean wholeDays = size.toMillis() % DAY.toMillis() == 0;
        final boolean dividesDay = DAY.toMillis() % size.toMillis() == 0;
        if (!wholeDays && !dividesDay) {
            throw new IllegalArgumentException("enforce.window " + size
                    + " must be a whole number of days or divide one day evenly");
        }
        this.size = size;
        this.zone = zone;
    }

    public Duration size() {
        return size;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Start (inclusive, epoch millis) of the window holding {@code eventTimeMs}. */
    public long windowStart(long eventTimeMs) {
        final LocalDate day = Instant.ofEpochMilli(eventTimeMs).atZone(zone).toLocalDate();
        final long dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
        if (size.toMillis() < DAY.toMillis()) {
            final long offset = eventTimeMs - dayStart;
            return dayStart + (offset / size.toMillis()) * size.toMillis();
        }
        final long days = size.toDays();
        final long epochDay = day.toEpochDay();
        final long alignedDay = Math.floorDiv(epochDay, days) * days;
        return LocalDate.ofEpochDay(alignedDay).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** End (exclusive, epoch millis) of the window starting at {@code windowStartMs}. */
    public long windowEnd(long windowStartMs) {
        final ZonedDateTime start = Instant.ofEpochMilli(windowStartMs).atZone(zone);
        if (size.toMillis() < DAY.toMillis()) {
            return windowStartMs + size.toMillis();
        }
        return start.plusDays(size.toDays()).toInstant().toEpochMilli();
    }

    /** Start of the window {@code n} windows before the one starting at {@code windowStartMs}. */
    public long previousWindowStart(long windowStartMs, int n) {
        if (size.toMillis() < DAY.toMillis()) {
            return windowStart(windowStartMs - n * size.toMillis());
        }
        return Instant.ofEpochMilli(windowStartMs).atZone(zone).minusDays(n * size.toDays())
                .toInstant().toEpochMilli();
    }
}
