package io.authwatch.enforcement;

import static io.authwatch.enforcement.EnforcementDriver.SHANGHAI;
import static io.authwatch.enforcement.EnforcementDriver.dayStart;
import static io.authwatch.enforcement.EnforcementDriver.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a window closes, judged by the task's largest eventTime, which lives in a store and so survives a restart. */
class EnforcementClockTest {

    private final EnforcementWindows days = new EnforcementWindows(Duration.ofDays(1), SHANGHAI);
    private KeyValueStore<String, Long> store;

    @BeforeEach
    void createStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EnforcementStores.CLOCK),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    private EnforcementClock clock() {
        return new EnforcementClock(store, days, Duration.ofHours(1));
    }

    @Test
    void shouldCloseAWindowAtItsEndPlusGrace() {
        final EnforcementClock clock = clock();
        assertThat(clock.isClosed(dayStart(0))).isFalse();
        clock.observe(shanghai(1, 0, 59).toEpochMilli());
        assertThat(clock.isClosed(dayStart(0))).isFalse();
        assertThat(clock.oldestOpenWindowStart()).isEqualTo(dayStart(0));
        clock.observe(shanghai(1, 1, 0).toEpochMilli());
        assertThat(clock.isClosed(dayStart(0))).isTrue();
        assertThat(clock.isClosed(dayStart(1))).isFalse();
        assertThat(clock.oldestOpenWindowStart()).isEqualTo(dayStart(1));
    }

    @Test
    void shouldNeverMoveBackwards() {
        final EnforcementClock clock = clock();
        clock.observe(shanghai(2, 12, 0).toEpochMilli());
        clock.observe(shanghai(0, 12, 0).toEpochMilli());
        assertThat(clock.isClosed(dayStart(1))).isTrue();
    }

    @Test
    void shouldJudgeTheSameAfterARestart() {
        // Given a clock that closed day 0
        clock().observe(shanghai(1, 2, 0).toEpochMilli());
        // When the processor restarts over the same store
        final EnforcementClock restarted = clock();
        // Then day 0 is still closed, and the arrival sequence continues
        assertThat(restarted.isClosed(dayStart(0))).isTrue();
        final long before = clock().nextSequence();
        assertThat(restarted.nextSequence()).isEqualTo(before + 1);
    }
}
