package io.authwatch.topology;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.internal.AppActivity;
import io.authwatch.internal.DetectionState;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.policy.PolicyGeneration;
import io.authwatch.registry.SingleObjectAvroSerde;
import io.authwatch.rules.DetectionSettings;
import io.authwatch.rules.EventValidator;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Violation;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Detection (CONTRACT.md section 4): telemetry and path policies in, violations out.
 * <ul>
 *   <li>In: {@code topic.telemetry}, key {@code appId:userId}. With {@code input.rekey=true} the values
 *       are validated ({@value #VALIDATE}), re-keyed from the value ({@value #REKEY}) and repartitioned
 *       through {@value #REPARTITION}; otherwise the key must match the value.</li>
 *   <li>In: {@code topic.policy}, key appId or {@code "*"}, validated by {@link PolicySource} into the
 *       global store {@value #POLICY_STORE} (invalid policies are dead-lettered, the previous one stays).</li>
 *   <li>Processor {@value #DETECT} with the stores {@value #USER_STATE_STORE} (per-user state) and
 *       {@value #DUE_INDEX_STORE} (wall-clock due index for the sweep).</li>
 *   <li>Out: {@code topic.violations}, key appId; and the {@link DetectionOutputs#activity() activity}
 *       stream, key appId, for enforcement (not written anywhere here).</li>
 * </ul>
 */
public final class DetectionTopology {

    public static final String TELEMETRY_SOURCE = "telemetry-source";
    public static final String VALIDATE = "telemetry-validate";
    public static final String REKEY = "telemetry-rekey";
    public static final String REPARTITION = "telemetry-by-user";
    public static final String POLICY_SOURCE = "policy-source";
    public static final String POLICY_STORE = "policy-catalog";
    public static final String DETECT = "detect";
    public static final String USER_STATE_STORE = "detect-user-state";
    public static final String DUE_INDEX_STORE = "detect-due-index";
    public static final String VIOLATIONS_SINK = "violations-sink";

    private DetectionTopology() {
    }

    public static DetectionOutputs addTo(StreamsBuilder builder, Topics topics, AuthwatchConfig config,
                                         AuthwatchMetrics metrics) {
        // shared by the global thread (writer) and the stream threads (readers) of this topology only
        final PolicyGeneration policyGeneration = new PolicyGeneration();
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(
                        Stores.persistentTimestampedKeyValueStore(POLICY_STORE), topics.policy().keySerde(),
                        topics.policy().valueSerde()).withLoggingDisabled(),
                topics.policy().name(), PolicySource.consumed(topics.policy(), POLICY_SOURCE),
                () -> new PolicyStoreUpdater(policyGeneration));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_STATE_STORE),
                Serdes.String(), new SingleObjectAvroSerde<>(DetectionState.getEncoder(), DetectionState.getDecoder()))
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_INDEX_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());

        final boolean rekey = config.bool("input.rekey");
        final KStream<String, TelemetryEvent> input = byUser(
                builder.stream(topics.telemetry().name(), topics.telemetry().consumed(TELEMETRY_SOURCE)), rekey);
        final DetectionSettings settings = DetectionSettings.from(config);
        final String secret = config.string("user-ref.secret");
        final Map<String, KStream<String, DetectionOutput>> outputs = input
                .process(() -> new DetectProcessor(settings, rekey, secret, metrics, policyGeneration), Named.as(DETECT),
                        USER_STATE_STORE, DUE_INDEX_STORE)
                .split(Named.as("detect-output-"))
                .branch((k, v) -> v instanceof DetectionOutput.ViolationOutput, Branched.as("violations"))
                .branch((k, v) -> v instanceof DetectionOutput.ActivityOutput, Branched.as("activity"))
                .noDefaultBranch();
        final KStream<String, Violation> violations = outputs.get("detect-output-violations")
                .mapValues(v -> ((DetectionOutput.ViolationOutput) v).violation(), Named.as("violation-values"));
        violations.to(topics.violations().name(), topics.violations().produced(VIOLATIONS_SINK));
        final KStream<String, AppActivity> activity = outputs.get("detect-output-activity")
                .mapValues(v -> ((DetectionOutput.ActivityOutput) v).activity(), Named.as("activity-values"));
        return new DetectionOutputs(violations, activity);
    }

    private static KStream<String, TelemetryEvent> byUser(KStream<String, TelemetryEvent> input, boolean rekey) {
        if (!rekey) {
            return input;
        }
        return input.processValues(ValidateTelemetry::new, Named.as(VALIDATE))
                .selectKey((key, event) -> EventValidator.userKey(event), Named.as(REKEY))
                .repartition(Repartitioned.<String, TelemetryEvent>as(REPARTITION).withKeySerde(Serdes.String())
                        .withValueSerde(new SingleObjectAvroSerde<>(TelemetryEvent.getEncoder(),
                                TelemetryEvent.getDecoder())));
    }
}
