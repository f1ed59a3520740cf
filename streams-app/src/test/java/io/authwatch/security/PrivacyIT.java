package io.authwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.authwatch.embedded.SessionScript;
import io.authwatch.simulator.GeneratedEvent;
import io.authwatch.simulator.GeneratorSettings;
import io.authwatch.simulator.SimulatorPolicy;
import io.authwatch.simulator.TrafficGenerator;
import io.authwatch.policy.PolicyPublisher;
import io.authwatch.runtime.ServedMonitor;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorFixture;
import io.authwatch.testing.TestRegistry;
import io.authwatch.testing.TopicReader;
import io.authwatch.topology.Topics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Runs a generated scenario — with some users whose id is a phone number, as a misbehaving producer
 * might send, and bad records keyed by them — and scans everything the monitor produced for a raw
 * userId or a phone-number-like string: the violations and enforcement topics (keys and values, as
 * bytes), every log line of the run (authwatch at DEBUG, the Kafka clients at their production level,
 * stack traces included), every meter of the monitor's registry with its tags and values, and the
 * {@code /metrics} page its HTTP server serves (Kafka Streams and JVM metrics included).
 *
 * <p>Not scanned: the dead-letter queue, which by contract holds the original key and value bytes of
 * a record that could not be handled (the test checks that it does), and the internal changelog and
 * repartition topics, keyed by the input's own {@code appId:userId} as the input topic is.
 */
class PrivacyIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    /** A Chinese mobile number on its own (not inside a longer run of letters or digits, nor the digits after a decimal point such as a meter value 0.17021276595), +86 optional. */
    static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z.])(?:\\+?86[- ]?)?1[3-9]\\d{9}(?![0-9A-Za-z])");
    private static final Pattern GENERATED_USER = Pattern.compile("u[0-9a-f]{16}");
    private static final List<String> PHONE_USERS = List.of("13812345678", "+8613912345678", "8615023456789");
    private static final String HOME = "pages/index/index";

    @Test
    void shouldPublishLogAndMeasureNoRawUserIdAndNoPhoneNumber() throws Exception {
        final ByteArrayOutputStream logs = new ByteArrayOutputStream();
        final OutputStreamAppender<ILoggingEvent> capture = captureAllLogs(logs);
        final Set<String> userIds = new HashSet<>(PHONE_USERS);
        try (MonitorFixture monitor = new MonitorFixture(KAFKA.bootstrapServers(), REGISTRY.url(), Map.of());
             KafkaProducer<String, byte[]> raw = rawProducer()) {
            // Given a generated scenario, and users whose id is a phone number, some violating
            final GeneratorSettings settings = GeneratorSettings.builder().seed(21).apps(8).users(4_000)
                    .totalEvents(3_000).violatingAppShare(0.5).plantRate(0.5).startTime(Instant.now().minusSeconds(600))
                    .build();
            final TrafficGenerator.Dataset data = TrafficGenerator.dataset(settings);
            data.policies().forEach(p -> PolicyPublisher.publish(monitor.config(), p));
            PolicyPublisher.publish(monitor.config(), SimulatorPolicy.forApp("wxphoneusers"));
            // the monitor as `run` starts it: Prometheus registry, Kafka Streams and JVM metrics, HTTP server
            final ServedMonitor served = ServedMonitor.start(monitor.config().with("http.port", "0")
                    .with("http.bind", "127.0.0.1"));
            try {
                assertThat(served.service().awaitRunning(Duration.ofSeconds(90))).isTrue();
                final String topic = monitor.config().string("topic.telemetry");
                final var events = Topics.from(monitor.config()).telemetry().valueSerde().serializer();
                final long cutoff = settings.startTime().plus(Duration.ofHours(1)).toEpochMilli();
                for (final GeneratedEvent e : data.events()) {
                    if (e.deliverAt() < cutoff) {
                        userIds.add(e.value().getUserId());
                        raw.send(new ProducerRecord<>(topic, e.key(), events.serialize(topic, e.value())));
                    }
                }
                for (final String phone : PHONE_USERS) {
                    final SessionScript s = new SessionScript("wxphoneusers", phone, Instant.now().minusSeconds(30))
                            .launch(HOME).view(HOME, true).prompt(HOME, PromptTrigger.PAGE_LOAD, null, true)
                            .answer(AuthOutcome.DENIED).view(HOME, false);
                    for (final TelemetryEvent e : s.events()) {
                        raw.send(new ProducerRecord<>(topic, s.key(), events.serialize(topic, e)));
                    }
                }
                // and bad records keyed by a phone number: garbage, and an event from before 2000
                raw.send(new ProducerRecord<>(topic, "wxphoneusers:13687654321",
                        "not avro".getBytes(StandardCharsets.UTF_8)));
                final TelemetryEvent ancient = new SessionScript("wxphoneusers", "13587654321", Instant.now())
                        .launch(HOME).events().get(0);
                ancient.setEventTime(Instant.parse("1999-01-01T00:00:00Z"));
                raw.send(new ProducerRecord<>(topic, "wxphoneusers:13587654321", events.serialize(topic, ancient)));
                raw.flush();

                // When the monitor has judged them all (the phone users' violations included)
                final long planted = data.truth().violations().stream().filter(v -> v.promptTime() < cutoff).count();
                try (TopicReader<byte[]> violations = reader(monitor, "topic.violations");
                     TopicReader<byte[]> actions = reader(monitor, "topic.enforcement");
                     TopicReader<byte[]> dlq = reader(monitor, "topic.dlq")) {
                    await().atMost(Duration.ofMinutes(2)).until(() ->
                            violations.poll().size() >= planted + PHONE_USERS.size() && dlq.poll().size() >= 2);
                    await().atMost(Duration.ofSeconds(30)).until(() -> !actions.poll().isEmpty());

                    // Then no output record, log line or meter holds a raw userId or a phone number
                    final List<String> outputs = new ArrayList<>();
                    for (final ConsumerRecord<String, byte[]> r : concat(violations.poll(), actions.poll())) {
                        outputs.add(r.key() + " " + new String(r.value(), StandardCharsets.ISO_8859_1));
                    }
                    final String meters = meters(served) + "\n" + metricsEndpoint(served);
                    final String log = logs.toString(StandardCharsets.UTF_8);
                    assertThat(log).contains("Exception caught during"); // the bad records were logged
                    for (final Map.Entry<String, String> scanned : Map.of("output topics", String.join("\n", outputs),
                            "logs", log, "meters and /metrics", meters).entrySet()) {
                        assertThat(rawUserIds(scanned.getValue(), userIds)).as("raw userIds in the " + scanned.getKey())
                                .isEmpty();
                        assertThat(phoneNumbers(scanned.getValue())).as("phone numbers in the " + scanned.getKey())
                                .isEmpty();
                    }
                    // and the DLQ, excluded above, does keep the original keys, as the contract says (which
                    // also shows that the scan finds a phone number where there is one)
                    assertThat(dlq.poll()).extracting(ConsumerRecord::key)
                            .contains("wxphoneusers:13687654321", "wxphoneusers:13587654321");
                    assertThat(phoneNumbers(String.join("\n", dlq.poll().stream().map(ConsumerRecord::key).toList())))
                            .contains("13687654321", "13587654321");
                }
            } finally {
                served.close();
            }
        } finally {
            releaseLogs(capture);
        }
    }

    static Set<String> phoneNumbers(String text) {
        final Set<String> found = new TreeSet<>();
        final Matcher m = PHONE.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static Set<String> rawUserIds(String text, Set<String> userIds) {
        final Set<String> found = new TreeSet<>();
        final Matcher m = GENERATED_USER.matcher(text);
        while (m.find()) {
            if (userIds.contains(m.group())) {
                found.add(m.group());
            }
        }
        PHONE_USERS.stream().filter(text::contains).forEach(found::add);
        return found;
    }

    /** Every meter of the monitor's registry with its tags and values. */
    private static String meters(ServedMonitor served) {
        final StringBuilder out = new StringBuilder();
        for (final Meter meter : served.meters().registry().getMeters()) {
            out.append(meter.getId()).append(' ');
            for (final Measurement m : meter.measure()) {
                out.append(m.getStatistic()).append('=').append(m.getValue()).append(' ');
            }
            out.append('\n');
        }
        assertThat(out).contains("authwatch_violations").contains("authwatch_dlq_records");
        return out.toString();
    }

    /** GET /metrics, as Prometheus scrapes it. */
    private static String metricsEndpoint(ServedMonitor served) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + served.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("authwatch_violations_total").contains("authwatch_dlq_records_total")
                .contains("kafka_stream");
        return response.body();
    }

    private static List<ConsumerRecord<String, byte[]>> concat(List<ConsumerRecord<String, byte[]>> a,
                                                              List<ConsumerRecord<String, byte[]>> b) {
        final List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static TopicReader<byte[]> reader(MonitorFixture monitor, String topicKey) {
        return new TopicReader<>(KAFKA.bootstrapServers(), monitor.config().string(topicKey),
                new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Every log event of the run, formatted with its stack trace; authwatch's own loggers at DEBUG. */
    private static OutputStreamAppender<ILoggingEvent> captureAllLogs(ByteArrayOutputStream sink) {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger - %msg%n%ex");
        encoder.start();
        final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(sink);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        context.getLogger("io.authwatch").setLevel(Level.DEBUG);
        return appender;
    }

    private static void releaseLogs(OutputStreamAppender<ILoggingEvent> appender) {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        context.getLogger("io.authwatch").setLevel(Level.INFO);
    }
}
