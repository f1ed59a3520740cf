package io.authwatch.topology;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.CompiledPolicy;
import io.authwatch.policy.InvalidPolicyException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * How the detection topology reads the policy topic: a record is usable only with a key (the appId,
 * or {@code "*"}) and, unless it is a tombstone, a policy whose every glob compiles (the check of
 * {@code policy apply}). Anything else fails as it is <em>read</em>, so the deserialization exception
 * handler dead-letters it with its original bytes and the reason — on the live path and when Kafka
 * Streams rebuilds the policy store from the topic alike — and the store never sees it.
 */
final class PolicySource {

    private PolicySource() {
    }

    static Consumed<String, AppPathPolicy> consumed(Topic<String, AppPathPolicy> topic, String sourceName) {
        return Consumed.with(Serdes.serdeFrom(topic.keySerde().serializer(), new KeyCheck()),
                Serdes.serdeFrom(topic.valueSerde().serializer(), new ValueCheck(topic.valueSerde().deserializer())))
                .withName(sourceName);
    }

    /** A policy record's key: present and not blank. */
    private static final class KeyCheck implements Deserializer<String> {

        @Override
        public String deserialize(String topic, byte[] data) {
            final String key = data == null ? null : new String(data, StandardCharsets.UTF_8);
            if (key == null || key.isBlank()) {
                throw new SerializationException("policy record on topic '" + topic
                        + "' has no key (expected the appId, or \"*\" for the platform default)");
            }
            return key;
        }
    }

    /** A policy record's value: readable, and every rule's glob valid (a tombstone passes as null). */
    private static final class ValueCheck implements Deserializer<AppPathPolicy> {

        private final Deserializer<AppPathPolicy> avro;

        ValueCheck(Deserializer<AppPathPolicy> avro) {
            this.avro = avro;
        }

        @Override
        public AppPathPolicy deserialize(String topic, byte[] data) {
            return check(topic, avro.deserialize(topic, data));
        }

        @Override
        public AppPathPolicy deserialize(String topic, Headers headers, byte[] data) {
            return check(topic, avro.deserialize(topic, headers, data));
        }

        private static AppPathPolicy check(String topic, AppPathPolicy policy) {
            if (policy != null) {
                try {
                    CompiledPolicy.strict(policy);
                } catch (InvalidPolicyException e) {
                    throw new SerializationException("policy record on topic '" + topic
                            + "' is refused as a whole: " + e.getMessage(), e);
                }
            }
            return policy;
        }

        @Override
        public void close() {
            avro.close();
        }
    }
}
