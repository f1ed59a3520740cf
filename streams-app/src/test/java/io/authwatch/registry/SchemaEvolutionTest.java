package io.authwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.telemetry.InteractionKind;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records of newer and older producers read by the current TelemetryEvent reader. */
class SchemaEvolutionTest {

    private static final String TOPIC = "miniapp.telemetry.v1";
    private static final String SUBJECT = TOPIC + "-value";

    private final String scope = "evolution-" + UUID.randomUUID();
    private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
    private final ConfluentAvroSerde<TelemetryEvent> reader = readerSerde();

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldReadANewerWriterWithAnAddedOptionalField() {
        // Given a newer producer that writes an extra optional envelope field
        final Schema newer = EvolvedSchemas.withAddedOptionalField();
        final GenericRecord view = pageView(newer);
        final byte[] bytes = EvolvedSchemas.wire(registry.register(SUBJECT, newer), EvolvedSchemas.envelope(newer, view));

        // When the current reader reads it
        final TelemetryEvent event = reader.deserialize(TOPIC, bytes);

        // Then the known fields are read and the new one is skipped
        assertThat(event.getEventId()).isEqualTo("ev-9");
        assertThat(event.getClientVersion()).isEqualTo("9.9.9");
        assertThat(event.getEventTime()).isEqualTo(RegistryFixtures.T0);
        assertThat(event.getPayload()).isEqualTo(new PageView("pages/index/index", true));
    }

    @Test
    void shouldReadAnUnknownEnumSymbolAsTheEnumDefault() {
        // Given a newer producer whose InteractionKind has LONG_PRESS
        final Schema newer = EvolvedSchemas.withAddedInteractionKind();
        final Schema interaction = EvolvedSchemas.payloadSchema(newer, "UserInteraction");
        final GenericRecord tap = new GenericData.Record(interaction);
        tap.put("path", "pages/goods/list");
        tap.put("kind", new GenericData.EnumSymbol(interaction.getField("kind").schema(), "LONG_PRESS"));
        final byte[] bytes = EvolvedSchemas.wire(registry.register(SUBJECT, newer), EvolvedSchemas.envelope(newer, tap));

        // When
        final TelemetryEvent event = reader.deserialize(TOPIC, bytes);

        // Then the unknown symbol reads as the enum's default, OTHER
        assertThat(event.getPayload()).isEqualTo(new UserInteraction("pages/goods/list", InteractionKind.OTHER));
    }

    @Test
    void shouldReadKnownPayloadTypesOfAWriterWithAnAddedPayloadType() {
        // Given a newer producer with a ShareAction payload type, writing a PageView
        final Schema newer = EvolvedSchemas.withAddedPayloadType();
        final byte[] bytes = EvolvedSchemas.wire(registry.register(SUBJECT, newer),
                EvolvedSchemas.envelope(newer, pageView(newer)));

        // When
        final TelemetryEvent event = reader.deserialize(TOPIC, bytes);

        // Then the PageView is read: the new branch only matters to records that use it
        assertThat(event.getPayload()).isEqualTo(new PageView("pages/index/index", true));
    }

    @Test
    void shouldRejectAnUnknownPayloadTypeSayingTheReaderMustBeUpgraded() {
        // Given a newer producer writing a ShareAction, which this reader does not know
        final Schema newer = EvolvedSchemas.withAddedPayloadType();
        final GenericRecord share = new GenericData.Record(EvolvedSchemas.payloadSchema(newer, "ShareAction"));
        share.put("path", "pages/goods/detail");
        final int id = registry.register(SUBJECT, newer);
        final byte[] bytes = EvolvedSchemas.wire(id, EvolvedSchemas.envelope(newer, share));

        // When / Then: Avro has no default union branch, so the record cannot be read; the message
        // says which record, why, and what to do; the caller routes it to the DLQ
        assertThatThrownBy(() -> reader.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining("cannot be resolved against reader schema io.authwatch.telemetry.TelemetryEvent")
                .hasMessageContaining("ShareAction")
                .hasMessageContaining("MISSING_UNION_BRANCH")
                .hasMessageContaining("upgrade the reader")
                .hasMessageContaining("DLQ");
    }

    @Test
    void shouldReadAnOlderWriterFillingMissingOptionalFieldsWithDefaults() {
        // Given an older producer without clientVersion, OrderContext and targetPath
        final Schema older = EvolvedSchemas.older();
        final GenericRecord prompt = new GenericData.Record(EvolvedSchemas.payloadSchema(older, "PhoneAuthPrompt"));
        prompt.put("promptId", "p-9");
        prompt.put("path", "pages/index/index");
        prompt.put("trigger", new GenericData.EnumSymbol(prompt.getSchema().getField("trigger").schema(), "PAGE_LOAD"));
        prompt.put("blocking", true);
        final byte[] bytes = EvolvedSchemas.wire(registry.register(SUBJECT, older), EvolvedSchemas.envelope(older, prompt));

        // When
        final TelemetryEvent event = reader.deserialize(TOPIC, bytes);

        // Then the missing optional fields read as null
        assertThat(event.getClientVersion()).isNull();
        assertThat(event.getSeq()).isEqualTo(9L);
        assertThat(event.getPayload())
                .isEqualTo(new PhoneAuthPrompt("p-9", "pages/index/index", PromptTrigger.PAGE_LOAD, null, true));
    }

    @Test
    void shouldProjectRecordsOntoTheLatestVersionWhenUseLatestVersionIsOn() {
        // Given the subject's latest version is the older schema (the registry is behind this build)
        final Schema older = EvolvedSchemas.older();
        final int olderId = registry.register(SUBJECT, older);
        final ConfluentAvroSerde<TelemetryEvent> writer = new ConfluentAvroSerde<>(TelemetryEvent.class);
        writer.configure(Map.of(SchemaRegistries.URL, "mock://" + scope, ConfluentAvroSerde.USE_LATEST_VERSION, "true"),
                false);
        final TelemetryEvent event = RegistryFixtures.telemetryOfEveryPayloadType().get(0);

        // When the current build writes a record with a clientVersion
        final byte[] bytes = writer.serialize(TOPIC, event);

        // Then the bytes carry the latest id, and read back as that schema can hold them
        assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(olderId);
        final TelemetryEvent back = reader.deserialize(TOPIC, bytes);
        assertThat(event.getClientVersion()).isNotNull();
        assertThat(back.getClientVersion()).isNull();
        assertThat(back.getPayload()).isEqualTo(event.getPayload());
        assertThat(back.getEventId()).isEqualTo(event.getEventId());
    }

    private static GenericRecord pageView(Schema envelope) {
        final GenericRecord view = new GenericData.Record(EvolvedSchemas.payloadSchema(envelope, "PageView"));
        view.put("path", "pages/index/index");
        view.put("contentVisible", true);
        return view;
    }

    private ConfluentAvroSerde<TelemetryEvent> readerSerde() {
        final ConfluentAvroSerde<TelemetryEvent> serde = new ConfluentAvroSerde<>(TelemetryEvent.class);
        serde.configure(Map.of(SchemaRegistries.URL, "mock://" + scope), false);
        return serde;
    }
}
