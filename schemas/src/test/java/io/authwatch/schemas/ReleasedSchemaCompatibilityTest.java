package io.authwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Violation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatibility guard: every schema as built now must read data written with every released
 * version of it (new consumers, old producers) and be readable by every released version (old
 * consumers, new producers), because producers and consumers upgrade independently; the one
 * tolerated exception is a payload type added to TelemetryEvent (see {@link #breakingForOldReaders}). Released
 * versions live in {@code src/test/resources/released/v<N>/}; see docs/design.md, "Releasing a schema version".
 */
class ReleasedSchemaCompatibilityTest {

    /** The external schemas of CONTRACT.md section 3, as generated from {@code src/main/avro}. */
    private static final Map<String, Schema> CURRENT = Map.of(
            "io.authwatch.telemetry.TelemetryEvent", TelemetryEvent.getClassSchema(),
            "io.authwatch.policy.AppPathPolicy", AppPathPolicy.getClassSchema(),
            "io.authwatch.violation.Violation", Violation.getClassSchema(),
            "io.authwatch.enforcement.EnforcementAction", EnforcementAction.getClassSchema());

    record Released(String version, Schema schema) {
        @Override
        public String toString() {
            return version + " " + schema.getFullName();
        }
    }

    static Stream<Released> released() throws IOException, URISyntaxException {
        final Path root = Path.of(Objects.requireNonNull(
                ReleasedSchemaCompatibilityTest.class.getClassLoader().getResource("released"), "released/").toURI());
        final List<Released> all = new ArrayList<>();
        try (Stream<Path> versions = Files.list(root)) {
            for (final Path version : versions.sorted().toList()) {
                for (final Schema schema : parseVersion(version)) {
                    all.add(new Released(version.getFileName().toString(), schema));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("released")
    void shouldReadDataWrittenWithTheReleasedSchema(Released released) {
        final Schema current = current(released);

        final SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current,
                released.schema());

        assertThat(result.getType()).as("current %s reading data of released %s: %s", current.getFullName(),
                released.version(), describe(result)).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("released")
    void shouldBeReadableByConsumersOfTheReleasedSchema(Released released) {
        final Schema current = current(released);

        final List<Incompatibility> breaking = breakingForOldReaders(released.schema(), current);

        assertThat(breaking).as("released %s %s reading data of the current schema", released.version(),
                current.getFullName()).extracting(ReleasedSchemaCompatibilityTest::describe).isEmpty();
    }

    @Test
    void shouldHaveAReleasedVersionOfEveryExternalSchema() throws Exception {
        assertThat(released().map(r -> r.schema().getFullName()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(CURRENT.keySet());
    }

    @Test
    void shouldFlagARequiredFieldAddedWithoutDefault() {
        // Given a change that breaks readers of old data: a new field without a default
        final Schema broken = TelemetryEventEdits.withRequiredField(TelemetryEvent.getClassSchema());

        // When / Then the same check the guard runs rejects it
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, TelemetryEvent.getClassSchema()).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void shouldFlagAnAddedEnumSymbolWhenOldReadersHaveNoDefault() {
        // Given old consumers whose enum has no default, and a producer that added a symbol:
        // new data breaks old readers, which is the direction the second check guards
        final Schema withoutDefault = TelemetryEventEdits.withoutInteractionKindDefault(TelemetryEvent.getClassSchema());
        final Schema newer = TelemetryEventEdits.withInteractionKindSymbol(TelemetryEvent.getClassSchema(), "LONG_PRESS");

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withoutDefault, newer).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Schema current(Released released) {
        final Schema current = CURRENT.get(released.schema().getFullName());
        assertThat(current).as("a current schema named %s", released.schema().getFullName()).isNotNull();
        return current;
    }

    @Test
    void shouldTolerateANewPayloadTypeForOldReadersOnly() {
        // Given a new payload type in TelemetryEvent's union, and a new branch in another union
        final Schema newPayload = TelemetryEventEdits.withPayloadType(TelemetryEvent.getClassSchema(), "ShareAction");
        final Schema newOptionalBranch = TelemetryEventEdits.withClientVersionBranch(TelemetryEvent.getClassSchema());

        // When / Then: old readers send records of the new payload type to the DLQ (a documented
        // decision), so that alone is tolerated; any other missing branch breaks them
        assertThat(breakingForOldReaders(TelemetryEvent.getClassSchema(), newPayload)).isEmpty();
        assertThat(breakingForOldReaders(TelemetryEvent.getClassSchema(), newOptionalBranch))
                .extracting(Incompatibility::getType).containsExactly(SchemaIncompatibilityType.MISSING_UNION_BRANCH);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(newPayload, TelemetryEvent.getClassSchema())
                .getType()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    /**
     * What stops {@code oldReader} from reading data of {@code writer}, except the one tolerated
     * difference: a payload type added to TelemetryEvent's union. Avro has no default union branch,
     * so old readers cannot read records of the new type and route them to the DLQ (docs/design.md, "A
     * payload type newer than the reader"); every other record still reads.
     */
    private static List<Incompatibility> breakingForOldReaders(Schema oldReader, Schema writer) {
        final SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(oldReader, writer);
        final String payloadUnion = writer.getFullName().equals("io.authwatch.telemetry.TelemetryEvent")
                && writer.getField("payload") != null ? "/fields/" + writer.getField("payload").pos() + "/type/" : null;
        return result.getResult().getIncompatibilities().stream()
                .filter(i -> !(i.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH && payloadUnion != null
                        && i.getLocation().startsWith(payloadUnion)
                        && i.getLocation().substring(payloadUnion.length()).matches("\\d+")))
                .toList();
    }

    private static String describe(SchemaPairCompatibility result) {
        return result.getResult().getIncompatibilities().stream()
                .map(ReleasedSchemaCompatibilityTest::describe)
                .collect(Collectors.joining("; "));
    }

    private static String describe(Incompatibility i) {
        return i.getType() + " at " + i.getLocation() + ": " + i.getMessage();
    }

    /** Parses one released version; AppPathPolicy first, since Violation refers to its PathCategory. */
    private static List<Schema> parseVersion(Path version) throws IOException {
        final Schema.Parser parser = new Schema.Parser();
        final List<Schema> schemas = new ArrayList<>();
        try (Stream<Path> files = Files.list(version)) {
            final List<Path> sorted = files.filter(f -> f.toString().endsWith(".avsc"))
                    .sorted((a, b) -> a.getFileName().toString().startsWith("AppPathPolicy") ? -1
                            : b.getFileName().toString().startsWith("AppPathPolicy") ? 1 : a.compareTo(b))
                    .toList();
            for (final Path file : sorted) {
                schemas.add(parser.parse(file.toFile()));
            }
        }
        return schemas;
    }

    private static final class TelemetryEventEdits {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        static Schema withRequiredField(Schema schema) {
            final ObjectNode root = tree(schema);
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("fields")).addObject()
                    .put("name", "region").put("type", "string");
            return new Schema.Parser().parse(root.toString());
        }

        static Schema withPayloadType(Schema schema, String name) {
            final ObjectNode root = tree(schema);
            final ObjectNode record = field(root, "payload").withArray("type").addObject();
            record.put("type", "record").put("name", name);
            record.putArray("fields").addObject().put("name", "path").put("type", "string");
            return new Schema.Parser().parse(root.toString());
        }

        static Schema withClientVersionBranch(Schema schema) {
            final ObjectNode root = tree(schema);
            field(root, "clientVersion").withArray("type").add("int");
            return new Schema.Parser().parse(root.toString());
        }

        private static ObjectNode field(ObjectNode root, String name) {
            for (final var field : root.get("fields")) {
                if (field.get("name").asText().equals(name)) {
                    return (ObjectNode) field;
                }
            }
            throw new IllegalStateException("no field " + name);
        }

        static Schema withoutInteractionKindDefault(Schema schema) {
            final ObjectNode root = tree(schema);
            interactionKind(root).remove("default");
            return new Schema.Parser().parse(root.toString());
        }

        static Schema withInteractionKindSymbol(Schema schema, String symbol) {
            final ObjectNode root = tree(schema);
            ((com.fasterxml.jackson.databind.node.ArrayNode) interactionKind(root).get("symbols")).add(symbol);
            return new Schema.Parser().parse(root.toString());
        }

        private static ObjectNode interactionKind(ObjectNode root) {
            for (final var field : root.get("fields")) {
                if (field.get("name").asText().equals("payload")) {
                    for (final var branch : field.get("type")) {
                        if (branch.get("name").asText().equals("UserInteraction")) {
                            return (ObjectNode) branch.get("fields").get(1).get("type");
                        }
                    }
                }
            }
            throw new IllegalStateException("no UserInteraction.kind");
        }

        private static ObjectNode tree(Schema schema) {
            try {
                return (ObjectNode) JSON.readTree(schema.toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
