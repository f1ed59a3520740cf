package io.authwatch.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The wall-clock due index over user states (store {@value DetectionTopology#DUE_INDEX_STORE}): key =
 * due time (8 bytes, big-endian, so byte order is time order) followed by the UTF-8 user key; value
 * empty. The sweep range-scans the entries due up to now instead of visiting every user.
 */
final class DueIndex {

    private static final byte[] EMPTY = new byte[0];

    /** An entry: a user key due at a wall-clock time. */
    record Due(long dueAt, String userKey) {
    }

    private final KeyValueStore<Bytes, byte[]> store;

    DueIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    void add(long dueAt, String userKey) {
        store.put(key(dueAt, userKey), EMPTY);
    }

    void remove(long dueAt, String userKey) {
        if (dueAt >= 0) {
            store.delete(key(dueAt, userKey));
        }
    }

    /** Up to {@code limit} entries due at or before {@code now}, earliest first. */
    List<Due> dueUpTo(long now, int limit) {
        final List<Due> out = new ArrayList<>();
        final Bytes from = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(0L).array());
        final Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(now + 1).array());
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext() && out.size() < limit) {
                final KeyValue<Bytes, byte[]> entry = it.next();
                final ByteBuffer bytes = ByteBuffer.wrap(entry.key.get());
                final long dueAt = bytes.getLong();
                if (dueAt > now) {
                    break;
                }
                final String userKey = new String(entry.key.get(), Long.BYTES, bytes.remaining(), StandardCharsets.UTF_8);
                out.add(new Due(dueAt, userKey));
            }
        }
        return out;
    }

    private static Bytes key(long dueAt, String userKey) {
        final byte[] user = userKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + user.length).putLong(dueAt).put(user).array());
    }
}
