package io.authwatch.topology;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.CompiledPolicy;
import io.authwatch.policy.InvalidPolicyException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the global store {@value DetectionTopology#POLICY_STORE} from the policy topic: a valid policy
 * replaces the app's (or, keyed {@code "*"}, the platform default), a tombstone removes it. A record
 * that is not a usable policy — no key, or a rule whose glob does not compile — is refused as a whole:
 * the exception goes to the processing exception handler, which dead-letters the record, and the app
 * keeps the policy it had, just as {@code policy apply} refuses to publish such a file.
 *
 * <p>Kafka Streams runs this processor also when it rebuilds the store from the topic (after a crash
 * or with a wiped state directory), so the store only ever holds validated policies and a restart
 * ends with the store it started from. A {@code globalTable} would copy the raw bytes back instead,
 * unreadable records included, which every later lookup of that key would then fail on.
 */
final class PolicyStoreUpdater implements Processor<String, AppPathPolicy, Void, Void> {

    private TimestampedKeyValueStore<String, AppPathPolicy> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(DetectionTopology.POLICY_STORE);
    }

    @Override
    public void process(Record<String, AppPathPolicy> record) {
        if (record.key() == null || record.key().isBlank()) {
            throw new InvalidPolicyException("a policy record has no key (expected the appId, or \"*\")");
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        CompiledPolicy.strict(record.value());
        store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
    }
}
