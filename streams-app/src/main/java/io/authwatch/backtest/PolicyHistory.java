package io.authwatch.backtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.CompiledPolicy;
import io.authwatch.policy.InvalidPolicyException;
import io.authwatch.topology.Topic;
import io.authwatch.topology.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What {@code topic.policy} holds, as timestamped records: those before the replay starts give the
 * policies in force then (the latest per key, as the compacted topic and the monitor's global store
 * keep them), the later ones take effect during the replay at their timestamps. Records the monitor
 * refuses (no key, unreadable, a glob that does not compile) are left out, as the monitor leaves them.
 */
record PolicyHistory(List<Change> changes) {

    /** One policy record: {@code value} null is a tombstone. */
    record Change(String key, AppPathPolicy value, long timestampMs) {
    }

    PolicyHistory {
        changes = changes.stream().sorted(Comparator.comparingLong(Change::timestampMs)).toList();
    }

    static PolicyHistory read(AuthwatchConfig config) {
        final Topic<String, AppPathPolicy> topic = Topics.from(config).policy();
        final List<Change> changes = new ArrayList<>();
        try (TopicSpan span = new TopicSpan(config, topic.name(), null, null)) {
            span.forEach(r -> {
                if (r.key() == null || r.key().isBlank()) {
                    return;
                }
                try {
                    final AppPathPolicy value = r.value() == null ? null
                            : topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                    if (value != null) {
                        CompiledPolicy.strict(value);
                    }
                    changes.add(new Change(r.key(), value, r.timestamp()));
                } catch (SerializationException | InvalidPolicyException e) {
                    // the monitor dead-letters it and keeps the previous policy: so does the replay
                }
            });
        }
        return new PolicyHistory(changes);
    }

    /** The same history with {@code candidate} in place of every record of its appId, in force from the start. */
    PolicyHistory withCandidate(AppPathPolicy candidate) {
        final List<Change> replaced = new ArrayList<>();
        replaced.add(new Change(candidate.getAppId(), candidate, Long.MIN_VALUE));
        changes.stream().filter(c -> !c.key().equals(candidate.getAppId())).forEach(replaced::add);
        return new PolicyHistory(replaced);
    }

    /** The policies in force before {@code start}: the latest record per key, tombstones dropped. */
    List<Change> inForceBefore(Instant start) {
        final Map<String, Change> latest = new LinkedHashMap<>();
        changes.stream().filter(c -> c.timestampMs() < start.toEpochMilli()).forEach(c -> latest.put(c.key(), c));
        return latest.values().stream().filter(c -> c.value() != null).toList();
    }

    /** The records from {@code start} on, in timestamp order. */
    List<Change> from(Instant start) {
        return changes.stream().filter(c -> c.timestampMs() >= start.toEpochMilli()).toList();
    }
}
