package io.authwatch.runtime;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * Bounds the off-heap memory of every RocksDB store of one Kafka Streams instance: all stores share
 * one block cache of {@code rocksdb.memory.bytes}, whose memtables are charged to the same cache
 * through a write-buffer manager (a quarter of it), with index and filter blocks cached there too.
 * Without this each store takes its own cache and memtables and memory grows with the number of
 * partitions. The shared objects come from {@link RocksDbMemory} in the Streams config.
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {

    private static final long BLOCK_SIZE = 16 * 1024L;
    private static final int MEMTABLES = 3;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        final RocksDbMemory memory = RocksDbMemory.from(configs);
        if (memory == null) {
            return;
        }
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(memory.writeBufferManager());
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setWriteBufferSize(memory.memtableBytes());
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared: RocksDbMemory closes them with the app
    }
}
