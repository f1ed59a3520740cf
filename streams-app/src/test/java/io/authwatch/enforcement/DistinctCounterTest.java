package io.authwatch.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistinctCounterTest {

    private final DistinctCounter counter = new DistinctCounter();

    /** One counter's state, as the enforce processor keeps it in a store. */
    private static final class Counted implements DistinctCounter.Shards {
        private final Map<Integer, byte[]> shards = new HashMap<>();
        private double estimate;
        private long writes;
        private long bytesWritten;

        @Override
        public byte[] get(int shard) {
            return shards.get(shard);
        }

        @Override
        public void put(int shard, byte[] sketch) {
            writes++;
            bytesWritten += sketch.length;
            shards.put(shard, sketch);
        }

        long count() {
            return DistinctCounter.count(estimate);
        }
    }

    private static String user(String population, int i) {
        return population + "-user-" + i;
    }

    @Test
    void shouldCountExactlyAtEverySizeBelowOneThousand() {
        for (final String population : new String[] {"a", "b", "c"}) {
            // Given a counter fed distinct users one by one
            final Counted counted = new Counted();
            for (int i = 1; i < 1_000; i++) {
                // When the i-th user is added
                counted.estimate = counter.add(counted, counted.estimate, user(population, i));
                // Then the count is exactly i
                assertThat(counted.count()).as("population %s after %d users", population, i).isEqualTo(i);
            }
        }
    }

    @Test
    void shouldNotCountTheSameUserTwiceNorWriteForHim() {
        // Given a counter holding 500 users
        final Counted counted = new Counted();
        for (int i = 0; i < 500; i++) {
            counted.estimate = counter.add(counted, counted.estimate, user("d", i));
        }
        final long writes = counted.writes;
        // When the same 500 users come again
        for (int i = 0; i < 500; i++) {
            counted.estimate = counter.add(counted, counted.estimate, user("d", i));
        }
        // Then the count is unchanged and nothing was rewritten
        assertThat(counted.count()).isEqualTo(500);
        assertThat(counted.writes).isEqualTo(writes);
    }

    @Test
    void shouldStayWithinTwoPercentAtOneHundredThousandUsers() {
        for (final String population : new String[] {"e", "f", "g", "h", "i"}) {
            // Given 100,000 distinct users, each added twice
            final Counted counted = new Counted();
            for (int i = 0; i < 100_000; i++) {
                counted.estimate = counter.add(counted, counted.estimate, user(population, i));
                counted.estimate = counter.add(counted, counted.estimate, user(population, i));
            }
            // Then the count is within 2% of 100,000
            assertThat((double) counted.count()).as("population %s", population)
                    .isCloseTo(100_000.0, within(2_000.0));
            // And no shard grew past 8 KiB plus its preamble
            assertThat(counted.shards.values()).allSatisfy(s -> assertThat(s.length).isLessThanOrEqualTo(8 * 1024 + 24));
            System.out.printf("population %s: count %d, writes %d, bytes %d%n", population, counted.count(),
                    counted.writes, counted.bytesWritten);
        }
    }
}
