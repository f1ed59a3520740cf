package io.authwatch.enforcement;

import static io.authwatch.enforcement.ViolationBuilder.violation;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.fixtures.TopologyFixture;
import io.authwatch.internal.AppActivity;
import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The enforcement sub-topology in a TopologyTestDriver, fed by a test activity topic (keyed appId) and
 * the real violations topic, with its own {@code mock://} registry scope. Most tests want one per test:
 * {@code @RegisterExtension final EnforcementDriver driver = EnforcementDriver.perTest();} (see
 * {@link TopologyFixture}).
 */
final class EnforcementDriver extends TopologyFixture<EnforcementDriver.Run> {

    static final String ACTIVITY_TOPIC = "test.app-activity";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY_ZERO = LocalDate.of(2024, 5, 1);

    /** One start of the driver: its topology, meters and test topics. */
    record Run(TopologyTestDriver driver, Topology topology, SimpleMeterRegistry registry,
               TestInputTopic<String, AppActivity> activity, TestInputTopic<String, Violation> violations,
               TestOutputTopic<String, EnforcementAction> actions) implements Running {
    }

    private EnforcementDriver(Map<String, String> overrides) {
        super("enforcement-test", overrides);
    }

    EnforcementDriver(Path stateDir) {
        this(stateDir, Map.of());
    }

    EnforcementDriver(Path stateDir, Map<String, String> overrides) {
        this(overrides);
        start(stateDir);
    }

    /** A driver with the default config, for a {@code @RegisterExtension} instance field: one per test. */
    static EnforcementDriver perTest() {
        return new EnforcementDriver(Map.of());
    }

    @Override
    protected Run open(AuthwatchConfig config, Path stateDir) {
        final Topics topics = Topics.from(config);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, AppActivity> source = builder.stream(ACTIVITY_TOPIC,
                Consumed.with(Serdes.String(), topics.valueSerde(AppActivity.class)).withName("test-activity-source"));
        EnforcementTopology.addTo(builder, topics, config, new AuthwatchMetrics(registry), source);
        final Topology topology = builder.build();
        final TopologyTestDriver driver = new TopologyTestDriver(topology, streamsProperties(stateDir, new Properties()));
        return new Run(driver, topology, registry,
                driver.createInputTopic(ACTIVITY_TOPIC, Serdes.String().serializer(),
                        topics.valueSerde(AppActivity.class).serializer()),
                driver.createInputTopic(topics.violations().name(), Serdes.String().serializer(),
                        topics.violations().valueSerde().serializer()),
                driver.createOutputTopic(topics.enforcement().name(), Serdes.String().deserializer(),
                        topics.enforcement().valueSerde().deserializer()));
    }

    /** {@code hour:minute} local time in Shanghai on day {@code day} after 2024-05-01. */
    static Instant shanghai(int day, int hour, int minute) {
        return DAY_ZERO.plusDays(day).atTime(LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
    }

    /** Start of the Shanghai day {@code day} after 2024-05-01, epoch millis. */
    static long dayStart(int day) {
        return DAY_ZERO.plusDays(day).atStartOfDay(SHANGHAI).toInstant().toEpochMilli();
    }

    static String user(int n) {
        return "user-" + n;
    }

    Topology topology() {
        return running().topology();
    }

    void launch(String appId, String userRef, Instant at) {
        running().activity().pipeInput(appId, new AppActivity(appId, userRef, at), at);
    }

    /** Users {@code first} … {@code first + count - 1} launch the app at {@code at}. */
    void launches(String appId, int first, int count, Instant at) {
        for (int i = first; i < first + count; i++) {
            launch(appId, user(i), at);
        }
    }

    void send(Violation violation) {
        running().violations().pipeInput(violation.getAppId(), violation, violation.getEventTime());
    }

    void send(ViolationBuilder builder) {
        send(builder.build());
    }

    /** One CONFIRMED violation for each of users {@code first} … {@code first + count - 1}, one second apart. */
    void violationsByUsers(String appId, int first, int count, Instant from) {
        for (int i = first; i < first + count; i++) {
            send(violation().app(appId).user(user(i)).at(from.plusSeconds(i - first)));
        }
    }

    List<EnforcementAction> actions() {
        return running().actions().readValuesToList();
    }

    List<String> actionKeys() {
        return running().actions().readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    EnforcementQueries queries() {
        final TopologyTestDriver driver = running().driver();
        return new EnforcementQueries(driver.<String, EnforcementWindowState>getKeyValueStore(EnforcementStores.WINDOW_STATE),
                driver.<String, EnforcementAction>getKeyValueStore(EnforcementStores.ACTIONS),
                driver.<String, Violation>getKeyValueStore(EnforcementStores.APP_VIOLATIONS),
                driver.<String, Violation>getKeyValueStore(EnforcementStores.RECENT_VIOLATIONS));
    }

    /** A store of the stage, as the driver holds it. */
    <V> org.apache.kafka.streams.state.KeyValueStore<String, V> store(String name) {
        return running().driver().getKeyValueStore(name);
    }

    EnforcementWindowState window(String appId, int day) {
        return queries().window(appId, dayStart(day)).orElseThrow();
    }

    double lateEvents() {
        final Counter counter = running().registry().find("authwatch_late_events").counter();
        return counter == null ? 0 : counter.count();
    }

    double actionsCounted(EnforcementKind kind) {
        final Counter counter = running().registry().find("authwatch_enforcement_actions")
                .tag("action", kind.name()).counter();
        return counter == null ? 0 : counter.count();
    }
}
