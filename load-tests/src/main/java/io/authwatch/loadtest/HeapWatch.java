package io.authwatch.loadtest;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap as the garbage collector leaves it: after each collection, the bytes still in use (the
 * live set plus what the collector chose not to reclaim yet). That, not the sampled heap usage
 * (which includes garbage waiting for the next collection), is what shows whether state grows.
 */
final class HeapWatch {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(p -> p.getName()).collect(Collectors.toSet());
    private final AtomicLong lastAfterGc = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();

    HeapWatch() {
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        record(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
                    }
                }, null, null);
            }
        }
    }

    /** Forgets the peak, for the next run. */
    void reset() {
        maxAfterGc.set(0);
    }

    long lastAfterGc() {
        return lastAfterGc.get();
    }

    long maxAfterGc() {
        return maxAfterGc.get();
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long max() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    private void record(GarbageCollectionNotificationInfo info) {
        long used = 0;
        for (final Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        lastAfterGc.set(used);
        maxAfterGc.accumulateAndGet(used, Math::max);
    }
}
