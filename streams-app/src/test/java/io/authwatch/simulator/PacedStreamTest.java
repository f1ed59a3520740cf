package io.authwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacedStreamTest {

    /** A clock that only moves when the stream sleeps. */
    private static final class SleepingClock extends Clock {
        private Instant now = Instant.parse("2025-06-02T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldReleaseEachRecordAtItsDeliveryTimeScaledBySpeed() {
        // Given a generator and a stream at twice real time whose sleeps move a fake clock
        final SleepingClock clock = new SleepingClock();
        final List<Duration> sleeps = new ArrayList<>();
        final TrafficGenerator generator = new TrafficGenerator(GeneratorSettings.builder().seed(1).endless()
                .keepGroundTruth(false).build());
        final PacedStream stream = new PacedStream(generator, clock, d -> {
            sleeps.add(d);
            clock.now = clock.now.plus(d);
        }, 2.0);
        final Instant wallStart = clock.instant();

        // When 2 000 records are taken
        GeneratedEvent first = null;
        GeneratedEvent last = null;
        for (int i = 0; i < 2_000; i++) {
            last = stream.next();
            if (first == null) {
                first = last;
            }
        }

        // Then the last one came when its delivery time, at double speed, was due
        final long simulated = last.deliverAt() - first.deliverAt();
        assertThat(Duration.between(wallStart, clock.instant()).toMillis()).isEqualTo(simulated / 2);
        assertThat(sleeps).isNotEmpty().allSatisfy(d -> assertThat(d).isPositive());
    }
}
