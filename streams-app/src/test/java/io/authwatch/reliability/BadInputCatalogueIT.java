package io.authwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.embedded.SessionScript;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathCategory;
import io.authwatch.policy.PathRule;
import io.authwatch.policy.PolicyPublisher;
import io.authwatch.registry.EvolvedSchemas;
import io.authwatch.registry.SchemaRegistries;
import io.authwatch.registry.SchemaRegistryClient;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorFixture;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bad-input catalogue on a real broker, with the registry over HTTP: each kind of bad record,
 * produced among good ones, lands in the DLQ with its original bytes and its reason in the headers and
 * is counted in {@code authwatch_dlq_records_total}; the good records around them are processed; an
 * enum symbol newer than the reader is read as the enum's default and processed, not dead-lettered.
 */
class BadInputCatalogueIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private static final String HOME = "pages/index/index";
    private static final String PROMO = "pages/promo/spring";
    private static final String POLICY_APP = "wxpolicyapp";

    /** A bad record: its bytes, and a phrase its DLQ reason must hold. */
    private record Bad(String key, byte[] value, String reason) {
    }

    @Test
    void shouldDeadLetterEveryBadRecordWithItsReasonAndProcessTheGoodOnesAround() throws Exception {
        try (MonitorFixture monitor = new MonitorFixture(KAFKA.bootstrapServers(), REGISTRY.url(), Map.of());
             KafkaProducer<String, byte[]> raw = rawProducer();
             TopicReader<byte[]> dlq = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.dlq"), new ByteArrayDeserializer());
             TopicReader<Violation> violations = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.violations"),
                     Topics.from(monitor.config()).violations().valueSerde().deserializer())) {
            final String telemetryTopic = monitor.config().string("topic.telemetry");
            final String policyTopic = monitor.config().string("topic.policy");
            final Serializer<TelemetryEvent> events = Topics.from(monitor.config()).telemetry().valueSerde().serializer();
            final Serializer<AppPathPolicy> policies = Topics.from(monitor.config()).policy().valueSerde().serializer();
            final Map<String, Bad> bad = new LinkedHashMap<>();

            // Given an app's valid policy, and a newer version with an invalid glob, both before the monitor
            // starts (its policy store is built from the topic)
            PolicyPublisher.publish(monitor.config(), policy(1, PathCategory.CONTENT));
            final AppPathPolicy invalidAtStart = invalidPolicy(2);
            PolicyPublisher.publish(monitor.config(), invalidAtStart);
            bad.put("policy with an invalid glob, read at start", new Bad(POLICY_APP,
                    policies.serialize(policyTopic, invalidAtStart), "invalid glob"));
            monitor.start();

            // When good sessions come before and after every kind of bad record
            final SessionScript before = firstScreenPrompt("wxgoodbefore", "u-good-1");
            send(raw, telemetryTopic, events, before);
            final TelemetryEvent good = firstScreenPrompt("wxbad", "u-bad").events().get(0);
            final byte[] goodBytes = events.serialize(telemetryTopic, good);
            bad.put("garbage bytes", new Bad("wxbad:u-1", "definitely not avro".getBytes(StandardCharsets.UTF_8),
                    "magic byte"));
            final byte[] wrongMagic = goodBytes.clone();
            wrongMagic[0] = 1;
            bad.put("wrong magic byte", new Bad("wxbad:u-2", wrongMagic, "magic byte 0x01"));
            bad.put("unknown schema id", new Bad("wxbad:u-3", withSchemaId(goodBytes, 987_654), "987654"));
            bad.put("truncated Avro body", new Bad("wxbad:u-4", Arrays.copyOf(goodBytes, goodBytes.length - 9),
                    "truncated"));
            bad.put("payload type newer than the reader", new Bad("wxbad:u-5", newerPayloadType(telemetryTopic),
                    "union branch"));
            bad.put("null key", new Bad(null, serialized(events, telemetryTopic, event("wxbad", "u-6", "nullkey")),
                    "key is missing"));
            bad.put("empty key", new Bad("", serialized(events, telemetryTopic, event("wxbad", "u-7", "emptykey")),
                    "key is missing"));
            final TelemetryEvent future = event("wxbad", "u-8", "future");
            future.setEventTime(Instant.now().plus(Duration.ofDays(3)));
            bad.put("eventTime far in the future", new Bad("wxbad:u-8", serialized(events, telemetryTopic, future),
                    "in the future"));
            final TelemetryEvent ancient = event("wxbad", "u-9", "ancient");
            ancient.setEventTime(Instant.parse("1999-12-31T23:59:59Z"));
            bad.put("eventTime before 2000", new Bad("wxbad:u-9", serialized(events, telemetryTopic, ancient),
                    "before 2000-01-01"));
            final String longUser = "u" + "x".repeat(1_100);
            bad.put("userId over 1024 bytes", new Bad("wxbad:" + longUser,
                    serialized(events, telemetryTopic, event("wxbad", longUser, "longuser")), "longer than 1024 bytes"));
            final TelemetryEvent longPath = new SessionScript("wxbad", "u-10", Instant.now().minusSeconds(5))
                    .view("pages/" + "p".repeat(2_100), true).events().get(0);
            bad.put("path over 2048 bytes", new Bad("wxbad:u-10", serialized(events, telemetryTopic, longPath),
                    "longer than 2048 bytes"));
            for (final Bad b : bad.values()) {
                if (!b.reason().equals("invalid glob")) {
                    raw.send(new ProducerRecord<>(telemetryTopic, b.key(), b.value())).get();
                }
            }
            // and, on the policy topic while the monitor runs, garbage and another invalid version
            final byte[] policyGarbage = "{\"appId\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
            bad.put("policy garbage bytes", new Bad("wxpolicygarbage", policyGarbage, "magic byte"));
            raw.send(new ProducerRecord<>(policyTopic, "wxpolicygarbage", policyGarbage)).get();
            final AppPathPolicy invalidLive = invalidPolicy(3);
            bad.put("policy with an invalid glob, live", new Bad(POLICY_APP,
                    policies.serialize(policyTopic, invalidLive), "invalid glob"));
            raw.send(new ProducerRecord<>(policyTopic, POLICY_APP, bad.get("policy with an invalid glob, live").value()))
                    .get();
            // and a prompt with a trigger newer than the reader knows, then good sessions
            sendAll(raw, splashAdPrompt(telemetryTopic));
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().size() >= bad.size());
            send(raw, telemetryTopic, events, blockedTowardPromo());
            send(raw, telemetryTopic, events, firstScreenPrompt("wxgoodafter", "u-good-2"));

            // Then each bad record is in the DLQ, byte for byte, with its reason
            await().atMost(Duration.ofSeconds(60)).until(() -> violations.values().size() >= 4);
            final List<ConsumerRecord<String, byte[]>> dead = dlq.poll();
            for (final Map.Entry<String, Bad> c : bad.entrySet()) {
                final List<ConsumerRecord<String, byte[]>> matches = dead.stream()
                        .filter(r -> Arrays.equals(r.value(), c.getValue().value())).toList();
                assertThat(matches).as(c.getKey()).hasSize(1);
                assertThat(header(matches.get(0), "__streams.errors.message")).as(c.getKey())
                        .contains(c.getValue().reason());
                assertThat(header(matches.get(0), "__streams.errors.exception")).as(c.getKey()).isNotBlank();
            }
            assertThat(dead).hasSize(bad.size());
            // and counted, each once
            assertThat(monitor.meters().find("authwatch_dlq_records").counter().count()).isEqualTo(bad.size());
            // and the good records around them, the newer enum symbol and the app of the refused policy
            // (still on its valid version 1) were all processed
            final List<Violation> found = violations.values();
            assertThat(found).extracting(Violation::getAppId)
                    .containsExactlyInAnyOrder("wxgoodbefore", "wxnewenum", POLICY_APP, "wxgoodafter");
            assertThat(found).filteredOn(v -> v.getAppId().equals("wxnewenum")).singleElement()
                    .satisfies(v -> assertThat(v.getRule()).isEqualTo(RuleId.FIRST_SCREEN_PROMPT));
            assertThat(found).filteredOn(v -> v.getAppId().equals(POLICY_APP)).singleElement().satisfies(v -> {
                assertThat(v.getRule()).isEqualTo(RuleId.NON_ESSENTIAL_SECTION_PROMPT);
                assertThat(v.getCategory()).isEqualTo(PathCategory.CONTENT);
                assertThat(v.getPolicyVersion()).isEqualTo(1);
            });
            // and the rules' metrics reach the registry the monitor was started with
            assertThat(monitor.meters().find("authwatch_violations").counters().stream()
                    .mapToDouble(c -> c.count()).sum()).isEqualTo(found.size());
            assertThat(monitor.service().isRunning()).isTrue();
        }
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> raw, String topic, Serializer<TelemetryEvent> events,
                             SessionScript session) throws Exception {
        for (final TelemetryEvent e : session.events()) {
            raw.send(new ProducerRecord<>(topic, session.key(), events.serialize(topic, e))).get();
        }
    }

    private static void sendAll(KafkaProducer<String, byte[]> raw, List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        for (final ProducerRecord<String, byte[]> r : records) {
            raw.send(r).get();
        }
    }

    private static byte[] serialized(Serializer<TelemetryEvent> events, String topic, TelemetryEvent e) {
        return events.serialize(topic, e);
    }

    private static SessionScript firstScreenPrompt(String app, String user) {
        return new SessionScript(app, user, Instant.now().minusSeconds(30)).launch(HOME).view(HOME, true)
                .prompt(HOME, PromptTrigger.PAGE_LOAD, null, false).answer(AuthOutcome.GRANTED);
    }

    private static SessionScript blockedTowardPromo() {
        return new SessionScript(POLICY_APP, "u-policy", Instant.now().minusSeconds(30)).launch(HOME)
                .view(HOME, true).tap(HOME).prompt(HOME, PromptTrigger.NAVIGATION, PROMO, true)
                .answer(AuthOutcome.GRANTED);
    }

    private static TelemetryEvent event(String app, String user, String tag) {
        final TelemetryEvent e = new SessionScript(app, user, Instant.now().minusSeconds(5)).launch(HOME).events().get(0);
        e.setEventId(e.getEventId() + "-" + tag);
        return e;
    }

    private static AppPathPolicy policy(long version, PathCategory promo) {
        return AppPathPolicy.newBuilder().setAppId(POLICY_APP).setVersion(version).setRules(List.of(
                PathRule.newBuilder().setPattern("pages/promo/**").setCategory(promo).build())).build();
    }

    private static AppPathPolicy invalidPolicy(long version) {
        return AppPathPolicy.newBuilder().setAppId(POLICY_APP).setVersion(version).setRules(List.of(
                PathRule.newBuilder().setPattern("pages/***").setCategory(PathCategory.ACCOUNT).build(),
                PathRule.newBuilder().setPattern("pages/promo/**").setCategory(PathCategory.BROWSE).build())).build();
    }

    private static byte[] withSchemaId(byte[] wire, int id) {
        final byte[] copy = wire.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }

    private static SchemaRegistryClient registry() {
        return SchemaRegistries.fromConfig(Map.of(SchemaRegistries.URL, REGISTRY.url()));
    }

    /** A record of a newer producer whose payload is a type this reader does not know. */
    private static byte[] newerPayloadType(String topic) {
        final Schema newer = EvolvedSchemas.withAddedPayloadType();
        final int id;
        try (SchemaRegistryClient client = registry()) {
            // the enum-symbol generation is registered first: each must read the one before (BACKWARD)
            client.register(topic + "-value", EvolvedSchemas.withAddedPromptTrigger());
            id = client.register(topic + "-value", newer);
        }
        final GenericRecord share = new GenericData.Record(EvolvedSchemas.payloadSchema(newer, "ShareAction"));
        share.put("path", HOME);
        return EvolvedSchemas.wire(id, envelope(newer, event("wxbad", "u-5", "share"), share));
    }

    /** A first-screen prompt whose trigger, SPLASH_AD, is newer than the reader (read as UNKNOWN). */
    private static List<ProducerRecord<String, byte[]>> splashAdPrompt(String topic) {
        final SessionScript session = new SessionScript("wxnewenum", "u-enum", Instant.now().minusSeconds(30))
                .launch(HOME).view(HOME, true).prompt(HOME, PromptTrigger.PAGE_LOAD, null, false);
        final Schema newer = EvolvedSchemas.withAddedPromptTrigger();
        final int id;
        try (SchemaRegistryClient client = registry()) {
            id = client.getId(topic + "-value", newer);
        }
        final List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (final TelemetryEvent e : session.events()) {
            final Schema promptSchema = EvolvedSchemas.payloadSchema(newer, "PhoneAuthPrompt");
            final GenericRecord payload;
            if (e.getPayload() instanceof io.authwatch.telemetry.PhoneAuthPrompt p) {
                payload = new GenericData.Record(promptSchema);
                payload.put("promptId", p.getPromptId());
                payload.put("path", p.getPath());
                payload.put("trigger", new GenericData.EnumSymbol(promptSchema.getField("trigger").schema(), "SPLASH_AD"));
                payload.put("targetPath", null);
                payload.put("blocking", false);
            } else {
                payload = toGeneric((org.apache.avro.specific.SpecificRecord) e.getPayload(),
                        EvolvedSchemas.payloadSchema(newer, e.getPayload().getClass().getSimpleName()));
            }
            out.add(new ProducerRecord<>(topic, session.key(), EvolvedSchemas.wire(id, envelope(newer, e, payload))));
        }
        return out;
    }

    private static GenericRecord toGeneric(org.apache.avro.specific.SpecificRecord specific, Schema schema) {
        final GenericRecord r = new GenericData.Record(schema);
        for (final Schema.Field f : schema.getFields()) {
            final Object v = specific.get(specific.getSchema().getField(f.name()).pos());
            r.put(f.name(), v instanceof Enum<?> e ? new GenericData.EnumSymbol(f.schema(), e.name()) : v);
        }
        return r;
    }

    private static GenericRecord envelope(Schema schema, TelemetryEvent e, GenericRecord payload) {
        final GenericRecord r = new GenericData.Record(schema);
        r.put("eventId", e.getEventId());
        r.put("appId", e.getAppId());
        r.put("userId", e.getUserId());
        r.put("sessionId", e.getSessionId());
        r.put("seq", e.getSeq());
        r.put("eventTime", e.getEventTime().toEpochMilli());
        r.put("clientVersion", e.getClientVersion());
        r.put("payload", payload);
        return r;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        final Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
