package io.authwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.telemetry.TelemetryEvent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfluentAvroSerdeTest {

    private static final String TOPIC = "miniapp.telemetry.v1";

    private final String scope = "serde-" + UUID.randomUUID();

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(scope);
    }

    static Stream<SpecificRecord> everyRecordType() {
        return RegistryFixtures.everyRecordType().stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyRecordType")
    void shouldRoundTripEveryContractRecordType(SpecificRecord record) {
        // Given a serde configured with a mock:// registry
        final ConfluentAvroSerde<SpecificRecord> serde = serdeFor(record);

        // When the record is serialized and read back
        final byte[] bytes = serde.serialize(TOPIC, record);
        final SpecificRecord back = serde.deserialize(TOPIC, bytes);

        // Then it is equal, field by field
        assertThat(back).isEqualTo(record);
    }

    @Test
    void shouldWriteTheConfluentWireFormatWithTheRegisteredId() {
        // Given
        final TelemetryEvent event = RegistryFixtures.telemetryOfEveryPayloadType().get(0);
        final ConfluentAvroSerde<SpecificRecord> serde = serdeFor(event);

        // When
        final byte[] bytes = serde.serialize(TOPIC, event);

        // Then: magic byte 0, the id registered under <topic>-value, big-endian
        final int registered = MockSchemaRegistry.forScope(scope).getLatest(TOPIC + "-value").id();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered);
    }

    @Test
    void shouldLookUpTheIdWithoutRegisteringWhenAutoRegisterIsOff() {
        // Given a serde that must not register, and nothing registered
        final TelemetryEvent event = RegistryFixtures.telemetryOfEveryPayloadType().get(0);
        final ConfluentAvroSerde<TelemetryEvent> serde = new ConfluentAvroSerde<>(TelemetryEvent.class);
        serde.configure(Map.of(SchemaRegistries.URL, "mock://" + scope, ConfluentAvroSerde.AUTO_REGISTER_SCHEMAS,
                "false"), false);

        // When / Then it fails naming the subject
        assertThatThrownBy(() -> serde.serialize(TOPIC, event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC + "-value");
    }

    @Test
    void shouldReturnNullForNullBytes() {
        assertThat(serdeFor(RegistryFixtures.policy()).deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldRejectEmptyBytesSayingSo() {
        assertThatThrownBy(() -> serdeFor(RegistryFixtures.policy()).deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void shouldRejectBytesShorterThanTheHeader() {
        assertThatThrownBy(() -> serdeFor(RegistryFixtures.policy()).deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes, shorter than the 5-byte Confluent wire-format header");
    }

    @Test
    void shouldRejectAWrongMagicByteSayingSo() {
        // Given a valid record whose magic byte was changed
        final ConfluentAvroSerde<SpecificRecord> serde = serdeFor(RegistryFixtures.policy());
        final byte[] bytes = serde.serialize(TOPIC, RegistryFixtures.policy());
        bytes[0] = 0x7b; // '{', as if a JSON producer wrote to the topic

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0x7b, expected 0x00");
    }

    @Test
    void shouldRejectAnUnknownSchemaIdSayingSo() {
        // Given a valid record pointing at an id the registry never gave
        final ConfluentAvroSerde<SpecificRecord> serde = serdeFor(RegistryFixtures.policy());
        final byte[] bytes = serde.serialize(TOPIC, RegistryFixtures.policy());
        ByteBuffer.wrap(bytes).putInt(1, 9999);

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 9999")
                .hasMessageContaining("registry cannot give");
    }

    @Test
    void shouldRejectATruncatedBodySayingSo() {
        // Given a valid record cut short
        final ConfluentAvroSerde<SpecificRecord> serde = serdeFor(RegistryFixtures.violation());
        final byte[] bytes = serde.serialize(TOPIC, RegistryFixtures.violation());
        final byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated Avro body");
    }

    @Test
    void shouldRejectTrailingBytesSayingSo() {
        final ConfluentAvroSerde<SpecificRecord> serde = serdeFor(RegistryFixtures.appActivity());
        final byte[] bytes = serde.serialize(TOPIC, RegistryFixtures.appActivity());
        final byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serde.deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldFailBeforeConfigureNamingTheRecordType() {
        final ConfluentAvroSerde<TelemetryEvent> serde = new ConfluentAvroSerde<>(TelemetryEvent.class);

        assertThatThrownBy(() -> serde.serialize(TOPIC, RegistryFixtures.telemetryOfEveryPayloadType().get(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.authwatch.telemetry.TelemetryEvent");
    }

    @SuppressWarnings("unchecked")
    private ConfluentAvroSerde<SpecificRecord> serdeFor(SpecificRecord record) {
        final ConfluentAvroSerde<SpecificRecord> serde =
                new ConfluentAvroSerde<>((Class<SpecificRecord>) record.getClass());
        serde.configure(Map.of(SchemaRegistries.URL, "mock://" + scope), false);
        return serde;
    }
}
