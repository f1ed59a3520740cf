package io.authwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The general rules of CONTRACT.md section 3 over every named type of the four external schemas:
 * namespaces, a default symbol on every enum, optional fields as null-first unions defaulting to
 * null, timestamps as timestamp-millis longs.
 */
class ContractSchemaRulesTest {

    private static final List<Schema> EXTERNAL = List.of(TelemetryEvent.getClassSchema(),
            AppPathPolicy.getClassSchema(), Violation.getClassSchema(), EnforcementAction.getClassSchema());

    /** The enums whose default is not UNKNOWN, as the contract notes them. */
    private static final Map<String, String> NOTED_DEFAULTS = Map.of(
            "io.authwatch.telemetry.InteractionKind", "OTHER", "io.authwatch.policy.PathCategory", "UNCLASSIFIED");

    @Test
    void shouldKeepEachSchemaInItsContractNamespace() {
        assertThat(EXTERNAL).extracting(Schema::getNamespace).containsExactly("io.authwatch.telemetry",
                "io.authwatch.policy", "io.authwatch.violation", "io.authwatch.enforcement");
        for (final Schema type : namedTypes()) {
            assertThat(type.getNamespace()).as(type.getFullName()).startsWith("io.authwatch.")
                    .isIn("io.authwatch.telemetry", "io.authwatch.policy", "io.authwatch.violation",
                            "io.authwatch.enforcement");
        }
    }

    @Test
    void shouldGiveEveryEnumItsDefaultSymbol() {
        for (final Schema type : namedTypes()) {
            if (type.getType() == Schema.Type.ENUM) {
                assertThat(type.getEnumDefault()).as(type.getFullName())
                        .isEqualTo(NOTED_DEFAULTS.getOrDefault(type.getFullName(), "UNKNOWN"));
            }
        }
    }

    @Test
    void shouldMakeEveryOptionalFieldANullFirstUnionDefaultingToNull() {
        for (final Schema type : namedTypes()) {
            if (type.getType() != Schema.Type.RECORD) {
                continue;
            }
            for (final Schema.Field field : type.getFields()) {
                final Schema schema = field.schema();
                if (schema.getType() == Schema.Type.UNION && schema.getTypes().stream()
                        .anyMatch(t -> t.getType() == Schema.Type.NULL)) {
                    final String name = type.getName() + "." + field.name();
                    assertThat(schema.getTypes().get(0).getType()).as(name).isEqualTo(Schema.Type.NULL);
                    assertThat(field.defaultVal()).as(name).isEqualTo(JsonProperties.NULL_VALUE);
                }
            }
        }
    }

    @Test
    void shouldWriteEveryTimestampAsTimestampMillis() {
        final Set<String> timestamps = Set.of("eventTime", "detectedAt", "windowStart", "windowEnd", "effectiveFrom",
                "expiresAt");
        final List<String> seen = new ArrayList<>();
        for (final Schema type : namedTypes()) {
            if (type.getType() != Schema.Type.RECORD) {
                continue;
            }
            for (final Schema.Field field : type.getFields()) {
                if (timestamps.contains(field.name())) {
                    final Schema schema = field.schema().getType() == Schema.Type.UNION
                            ? field.schema().getTypes().get(1) : field.schema();
                    assertThat(schema.getType()).as(field.name()).isEqualTo(Schema.Type.LONG);
                    assertThat(schema.getLogicalType()).as(field.name()).isEqualTo(LogicalTypes.timestampMillis());
                    seen.add(type.getName() + "." + field.name());
                }
            }
        }
        assertThat(seen).contains("TelemetryEvent.eventTime", "Violation.eventTime", "Violation.detectedAt",
                "Evidence.eventTime", "EnforcementAction.windowStart", "EnforcementAction.windowEnd",
                "EnforcementAction.effectiveFrom", "EnforcementAction.expiresAt");
    }

    /** Every named type reachable from the external schemas, each once. */
    private static List<Schema> namedTypes() {
        final List<Schema> out = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        EXTERNAL.forEach(s -> collect(s, out, seen));
        return out;
    }

    private static void collect(Schema schema, List<Schema> out, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    out.add(schema);
                    schema.getFields().forEach(f -> collect(f.schema(), out, seen));
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    out.add(schema);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collect(t, out, seen));
            case ARRAY -> collect(schema.getElementType(), out, seen);
            case MAP -> collect(schema.getValueType(), out, seen);
            default -> {
            }
        }
    }
}
