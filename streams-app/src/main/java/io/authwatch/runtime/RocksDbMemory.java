package io.authwatch.runtime;

import java.util.Map;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The block cache and write-buffer manager shared by the RocksDB stores of one Kafka Streams
 * instance ({@link BoundedMemoryRocksDbConfig}). Close it after the KafkaStreams instance.
 */
public final class RocksDbMemory implements AutoCloseable {

    static final String CONFIG = "authwatch.rocksdb.memory";
    private static final double INDEX_FILTER_RATIO = 0.1;

    static {
        RocksDB.loadLibrary();
    }

    private final Cache cache;
    private final WriteBufferManager writeBufferManager;
    private final long memtableBytes;

    /** Shared memory of {@code totalBytes} (block cache and memtables together). */
    public RocksDbMemory(long totalBytes) {
        final long memtables = totalBytes / 4;
        this.cache = new LRUCache(totalBytes, -1, false, INDEX_FILTER_RATIO);
        this.writeBufferManager = new WriteBufferManager(memtables, cache);
        this.memtableBytes = Math.max(1024 * 1024, memtables / 6);
    }

    static RocksDbMemory from(Map<String, Object> configs) {
        return configs.get(CONFIG) instanceof RocksDbMemory m ? m : null;
    }

    Cache cache() {
        return cache;
    }

    WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }

    long memtableBytes() {
        return memtableBytes;
    }

    @Override
    public void close() {
        writeBufferManager.close();
        cache.close();
    }
}
