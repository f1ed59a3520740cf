package io.authwatch.topology;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PolicyGeneration;
import io.authwatch.policy.PolicyTakesEffect;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the global store {@value DetectionTopology#POLICY_STORE} from the policy topic: a policy
 * replaces the app's (or, keyed {@code "*"}, the platform default), a tombstone removes it. Only
 * usable records get here: {@link PolicySource} refuses the others as they are read, so an invalid
 * policy is dead-lettered and the app keeps the policy it had, just as {@code policy apply} refuses
 * to publish such a file.
 *
 * <p>Kafka Streams runs the same source and processor when it rebuilds the store from the topic
 * (after a crash, or with a wiped state directory), so the store only ever holds validated policies
 * and a rebuild ends where the live path did. A {@code globalTable} would copy the raw bytes back
 * instead, unreadable records included, which every later lookup of that key would then fail on.
 */
final class PolicyStoreUpdater implements Processor<String, AppPathPolicy, Void, Void> {

    private final PolicyGeneration generation;
    private TimestampedKeyValueStore<String, AppPathPolicy> store;

    /** {@code generation} is bumped after every change, for the stream threads' catalogs. */
    PolicyStoreUpdater(PolicyGeneration generation) {
        this.generation = generation;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(DetectionTopology.POLICY_STORE);
    }

    @Override
    public void process(Record<String, AppPathPolicy> record) {
        if (record.value() == null) {
            PolicyTakesEffect.removed(record.key());
            store.delete(record.key());
        } else {
            PolicyTakesEffect.log(store.get(record.key()), record.value());
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        generation.bump();
    }
}
