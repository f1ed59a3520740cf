package io.authwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.authwatch.embedded.SessionScript;
import io.authwatch.registry.EvolvedSchemas;
import io.authwatch.registry.SchemaRegistries;
import io.authwatch.registry.SchemaRegistryClient;
import io.authwatch.runtime.AuthwatchService;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.testing.ChildJvm;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorFixture;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The schema registry going away: at start the monitor refuses to run; mid-run it loses nothing. */
class RegistryOutageIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private static final String HOME = "pages/index/index";

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryRecordOnceTheRegistryIsBackAndDeadLetterNone() throws Exception {
        final ListAppender<ILoggingEvent> serviceLog = capture(AuthwatchService.class);
        try (MonitorFixture monitor = new MonitorFixture(KAFKA.bootstrapServers(), REGISTRY.url(), Map.of()).start();
             TopicReader<byte[]> dlq = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.dlq"), new ByteArrayDeserializer());
             TopicReader<Violation> violations = new TopicReader<>(KAFKA.bootstrapServers(),
                     monitor.config().string("topic.violations"),
                     Topics.from(monitor.config()).violations().valueSerde().deserializer())) {
            // Given a running monitor that has read records of the current schema
            monitor.send(firstScreenPrompt("wxbeforeoutage"));
            await().atMost(Duration.ofSeconds(60)).until(() -> violations.values().size() == 1);
            // and records of a newer producer generation, whose schema the monitor has never fetched
            final String topic = monitor.config().string("topic.telemetry");
            final SessionScript newer = firstScreenPrompt("wxduringoutage");
            final List<byte[]> newerRecords = newerGeneration(topic, newer);

            // When the registry goes away and those records arrive
            REGISTRY.stop();
            try (KafkaProducer<String, byte[]> raw = rawProducer()) {
                for (final byte[] value : newerRecords) {
                    raw.send(new ProducerRecord<>(topic, newer.key(), value)).get();
                }
            }
            // Then the stream thread retries, fails, and is replaced, without giving up any record
            await().atMost(Duration.ofSeconds(90)).until(() -> serviceLog.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("A stream thread died; replacing it")));
            assertThat(reasons(dlq)).isEmpty();
            assertThat(violations.values()).hasSize(1);

            // And when the registry is back, the records are read and judged, and none was dead-lettered
            REGISTRY.restart();
            await().atMost(Duration.ofSeconds(120)).until(() -> violations.values().stream()
                    .anyMatch(v -> v.getAppId().equals("wxduringoutage")));
            assertThat(violations.values()).hasSize(2);
            assertThat(reasons(dlq)).isEmpty();
            assertThat(monitor.meters().find("authwatch_dlq_records").counters()).allSatisfy(c ->
                    assertThat(c.count()).isZero());
            await().atMost(Duration.ofSeconds(60)).until(() -> monitor.service().isRunning());
        } finally {
            REGISTRY.restart();
            ((Logger) LoggerFactory.getLogger(AuthwatchService.class)).detachAppender(serviceLog);
        }
    }

    @Test
    void shouldRefuseToStartWithAClearMessageWhenTheRegistryIsUnreachable() throws Exception {
        // Given a config whose registry nobody listens on
        final String url = "http://127.0.0.1:" + closedPort();
        final Path config = dir.resolve("monitor.properties");
        final Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("schema.registry.url", url);
        p.put("application.id", "registry-down");
        p.put("topics.create", "true");
        p.put("state.dir", dir.resolve("state").toString());
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        // When the monitor is run as an operator runs it
        final long t0 = System.nanoTime();
        try (ChildJvm run = ChildJvm.start("run", dir.resolve("run.log"), List.of("-Xmx256m"),
                "io.authwatch.cli.Main", List.of("run", "--config", config.toString()), Map.of())) {
            final Integer exit = run.awaitExit(Duration.ofSeconds(90));
            // Then it exits at once with "cannot start" and says which registry and why
            assertThat(exit).as(run.tail()).isEqualTo(3);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
            assertThat(run.output()).contains("authwatch: the schema registry at " + url + " is not usable")
                    .contains("cannot reach " + url);
        }
    }

    private static SessionScript firstScreenPrompt(String app) {
        return new SessionScript(app, "u-1", Instant.now().minusSeconds(30)).launch(HOME).view(HOME, true)
                .prompt(HOME, PromptTrigger.PAGE_LOAD, null, false).answer(AuthOutcome.GRANTED);
    }

    /** The session's events as a newer producer writes them: one more optional envelope field. */
    private static List<byte[]> newerGeneration(String topic, SessionScript session) {
        final Schema schema = EvolvedSchemas.withAddedOptionalField();
        final int id;
        try (SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of(SchemaRegistries.URL, REGISTRY.url()))) {
            id = client.register(topic + "-value", schema);
        }
        return session.events().stream().map(e -> EvolvedSchemas.wire(id, generic(schema, e))).toList();
    }

    private static GenericRecord generic(Schema schema, TelemetryEvent e) {
        final GenericRecord r = new GenericData.Record(schema);
        for (final Schema.Field f : schema.getFields()) {
            final Schema.Field known = e.getSchema().getField(f.name());
            r.put(f.name(), known == null ? "5g" : convert(e.get(known.pos()), f.schema()));
        }
        return r;
    }

    private static Object convert(Object value, Schema schema) {
        if (value instanceof Instant t) {
            return t.toEpochMilli();
        }
        if (value instanceof SpecificRecord record) {
            final Schema branch = schema.getTypes().stream()
                    .filter(t -> t.getName().equals(record.getSchema().getName())).findFirst().orElseThrow();
            final GenericRecord out = new GenericData.Record(branch);
            for (final Schema.Field f : branch.getFields()) {
                final Object v = record.get(record.getSchema().getField(f.name()).pos());
                out.put(f.name(), v instanceof Enum<?> en ? new GenericData.EnumSymbol(f.schema(), en.name()) : v);
            }
            return out;
        }
        return value;
    }

    /** The reasons of the dead-lettered records, if any. */
    private static List<String> reasons(TopicReader<byte[]> dlq) {
        return dlq.poll().stream().map(r -> r.headers().lastHeader("__streams.errors.message"))
                .map(h -> h == null ? "(no reason)" : new String(h.value(), StandardCharsets.UTF_8)).toList();
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
