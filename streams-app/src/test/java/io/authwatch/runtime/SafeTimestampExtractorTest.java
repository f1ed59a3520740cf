package io.authwatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class SafeTimestampExtractorTest {

    private final SafeTimestampExtractor extractor = new SafeTimestampExtractor();

    private static ConsumerRecord<Object, Object> recordAt(long timestamp) {
        return new ConsumerRecord<>("t", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, "k", "v",
                new RecordHeaders(), Optional.empty());
    }

    @Test
    void shouldUseTheRecordTimestampWhenValid() {
        assertThat(extractor.extract(recordAt(1_000L), 5_000L)).isEqualTo(1_000L);
    }

    @Test
    void shouldFallBackToPartitionTimeOnANegativeTimestamp() {
        assertThat(extractor.extract(recordAt(-1L), 5_000L)).isEqualTo(5_000L);
    }

    @Test
    void shouldFallBackToTheWallClockWhenNothingIsKnown() {
        final long before = System.currentTimeMillis();

        assertThat(extractor.extract(recordAt(-1L), -1L)).isBetween(before, System.currentTimeMillis());
    }
}
