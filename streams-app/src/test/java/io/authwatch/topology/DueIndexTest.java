package io.authwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep reads only the users due by now, earliest first, never the whole population. */
class DueIndexTest {

    private DueIndex index;

    @BeforeEach
    void open() {
        final KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("due"), Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        index = new DueIndex(store);
    }

    @Test
    void shouldReturnOnlyEntriesDueByNowInTimeOrder() {
        // Given many users due later and a few due now
        for (int i = 0; i < 1000; i++) {
            index.add(10_000L + i, "app:late-" + i);
        }
        index.add(3_000L, "app:b");
        index.add(1_000L, "app:a");
        index.add(5_000L, "app:c:with:colons");

        // When
        final List<DueIndex.Due> due = index.dueUpTo(5_000L, 100);

        // Then
        assertThat(due).containsExactly(new DueIndex.Due(1_000L, "app:a"), new DueIndex.Due(3_000L, "app:b"),
                new DueIndex.Due(5_000L, "app:c:with:colons"));
    }

    @Test
    void shouldForgetRemovedEntriesAndHonourTheLimit() {
        index.add(1_000L, "app:a");
        index.add(2_000L, "app:b");
        index.add(3_000L, "app:c");
        index.remove(2_000L, "app:b");

        assertThat(index.dueUpTo(10_000L, 1)).containsExactly(new DueIndex.Due(1_000L, "app:a"));
        assertThat(index.dueUpTo(10_000L, 10)).extracting(DueIndex.Due::userKey).containsExactly("app:a", "app:c");
    }
}
