package io.authwatch.topology;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.registry.ConfluentAvroSerde;
import io.authwatch.registry.RegistryKeys;
import io.authwatch.registry.SchemaRegistries;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Violation;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one place that knows each external topic (CONTRACT.md section 2): name from config, plain
 * UTF-8 string keys, Avro values in the Confluent wire format with {@code <topic>-value} subjects.
 */
public final class Topics {

    private final Topic<String, TelemetryEvent> telemetry;
    private final Topic<String, AppPathPolicy> policy;
    private final Topic<String, Violation> violations;
    private final Topic<String, EnforcementAction> enforcement;
    private final String dlq;
    private final Map<String, String> serdeConfig;
    private final Map<String, String> internalSerdeConfig;

    private Topics(AuthwatchConfig config) {
        this.serdeConfig = serdeConfig(config);
        this.internalSerdeConfig = new HashMap<>(serdeConfig);
        internalSerdeConfig.put(ConfluentAvroSerde.AUTO_REGISTER_SCHEMAS, "true");
        internalSerdeConfig.put(ConfluentAvroSerde.USE_LATEST_VERSION, "false");
        this.telemetry = new Topic<>(config.string("topic.telemetry"), Serdes.String(),
                serde(TelemetryEvent.class, serdeConfig));
        this.policy = new Topic<>(config.string("topic.policy"), Serdes.String(),
                serde(AppPathPolicy.class, serdeConfig));
        this.violations = new Topic<>(config.string("topic.violations"), Serdes.String(),
                serde(Violation.class, serdeConfig));
        this.enforcement = new Topic<>(config.string("topic.enforcement"), Serdes.String(),
                serde(EnforcementAction.class, serdeConfig));
        this.dlq = config.string("topic.dlq");
    }

    public static Topics from(AuthwatchConfig config) {
        return new Topics(config);
    }

    public Topic<String, TelemetryEvent> telemetry() {
        return telemetry;
    }

    public Topic<String, AppPathPolicy> policy() {
        return policy;
    }

    public Topic<String, Violation> violations() {
        return violations;
    }

    public Topic<String, EnforcementAction> enforcement() {
        return enforcement;
    }

    public String dlq() {
        return dlq;
    }

    /**
     * A value serde for authwatch's own repartition topics and state stores: the same registry, but
     * it always registers its record's schema under the internal subject. {@code auto.register.schemas}
     * and {@code use.latest.version} concern the contract's topics, whose subjects an operator may
     * have registered beforehand; nobody registers the internal subjects but authwatch.
     */
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return serde(type, internalSerdeConfig);
    }

    private static <T extends SpecificRecord> Serde<T> serde(Class<T> type, Map<String, String> settings) {
        final ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(type);
        serde.configure(settings, false);
        return serde;
    }

    /** The registry settings that every Avro serde is configured with. */
    public static Map<String, String> serdeConfig(AuthwatchConfig config) {
        final Map<String, String> m = new HashMap<>();
        m.put(SchemaRegistries.URL, config.string("schema.registry.url"));
        m.put(ConfluentAvroSerde.AUTO_REGISTER_SCHEMAS, config.string("auto.register.schemas"));
        m.put(ConfluentAvroSerde.USE_LATEST_VERSION, config.string("use.latest.version"));
        m.putAll(RegistryKeys.clientSettings(config.asMap()));
        return m;
    }
}
