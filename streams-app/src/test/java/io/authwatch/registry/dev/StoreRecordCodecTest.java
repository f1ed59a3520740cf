package io.authwatch.registry.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.registry.dev.StoreRecord.Compatibility;
import io.authwatch.registry.dev.StoreRecord.SchemaVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {

    private final StoreRecordCodec codec = new StoreRecordCodec();

    @Test
    void shouldWriteSchemaVersionsInTheLayoutOfConfluentsSchemasTopic() {
        final SchemaVersion version = new SchemaVersion("t-value", 2, 5, "\"string\"", false);

        assertThat(new String(codec.key(version), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":2,\"magic\":1}");
        assertThat(new String(codec.value(version), StandardCharsets.UTF_8))
                .isEqualTo("{\"subject\":\"t-value\",\"version\":2,\"id\":5,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(codec.decode(codec.key(version), codec.value(version))).contains(version);
    }

    @Test
    void shouldGiveASoftDeleteTheSameKeySoCompactionKeepsOnlyTheDeletion() {
        final SchemaVersion live = new SchemaVersion("t-value", 1, 3, "\"int\"", false);
        final SchemaVersion deleted = new SchemaVersion("t-value", 1, 3, "\"int\"", true);

        assertThat(codec.key(deleted)).isEqualTo(codec.key(live));
        assertThat(codec.decode(codec.key(deleted), codec.value(deleted))).contains(deleted);
    }

    @Test
    void shouldRoundTripGlobalAndSubjectConfigsAndTheirClearing() {
        final Compatibility global = new Compatibility(null, CompatibilityLevel.FULL);
        final Compatibility subject = new Compatibility("t-value", CompatibilityLevel.NONE);
        final Compatibility cleared = new Compatibility("t-value", null);

        assertThat(new String(codec.key(global), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(codec.decode(codec.key(global), codec.value(global))).contains(global);
        assertThat(codec.decode(codec.key(subject), codec.value(subject))).contains(subject);
        assertThat(codec.value(cleared)).isNull();
        assertThat(codec.decode(codec.key(cleared), null)).contains(cleared);
    }

    @Test
    void shouldSkipKeyTypesItDoesNotUse() {
        assertThat(codec.decode("{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(StandardCharsets.UTF_8), null)).isEmpty();
    }
}
