package io.authwatch.policy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter of changes to the stored path policies, shared by the thread that writes the policy
 * store (Kafka Streams' global thread) and the stream threads that read it. The writer bumps it
 * after each change; a {@link PathPolicyCatalog} trusts what it has cached while the counter stays
 * where it was when it looked, so the common lookup costs a volatile read instead of a store read
 * and a deep comparison of the policy. One instance per topology build: it belongs to that
 * KafkaStreams instance, never to a static.
 */
public final class PolicyGeneration {

    private final AtomicLong value = new AtomicLong();

    /** Called by the writer after it changed the store (a put or a delete, restores included). */
    public void bump() {
        value.incrementAndGet();
    }

    /** The current generation. */
    public long current() {
        return value.get();
    }
}
