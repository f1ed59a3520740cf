package io.authwatch.enforcement;

import static io.authwatch.enforcement.ViolationBuilder.violation;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.internal.AppActivity;
import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.registry.MockSchemaRegistry;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * The enforcement sub-topology in a TopologyTestDriver, fed by a test activity topic (keyed appId) and
 * the real violations topic, with its own {@code mock://} registry scope. Close it after each test.
 */
final class EnforcementDriver implements AutoCloseable {

    static final String ACTIVITY_TOPIC = "test.app-activity";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY_ZERO = LocalDate.of(2024, 5, 1);

    static {
        // Avro 1.12 loads generated classes by name only when trusted; the registry serde trusts
        // io.authwatch.* itself on the registry branch, this keeps these tests independent of that merge.
        final ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                type -> type.getName().startsWith("io.authwatch.")));
    }

    private final String scope = "enforcement-test-" + UUID.randomUUID();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, AppActivity> activity;
    private final TestInputTopic<String, Violation> violations;
    private final TestOutputTopic<String, EnforcementAction> actions;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Topology topology;

    EnforcementDriver(Path stateDir) {
        this(stateDir, Map.of());
    }

    EnforcementDriver(Path stateDir, Map<String, String> overrides) {
        final Map<String, String> settings = new HashMap<>(overrides);
        settings.put("schema.registry.url", "mock://" + scope);
        final AuthwatchConfig config = AuthwatchConfig.of(settings);
        final Topics topics = Topics.from(config);
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, AppActivity> source = builder.stream(ACTIVITY_TOPIC,
                Consumed.with(Serdes.String(), topics.valueSerde(AppActivity.class)).withName("test-activity-source"));
        EnforcementTopology.addTo(builder, topics, config, new AuthwatchMetrics(registry), source);
        topology = builder.build();
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "authwatch-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        activity = driver.createInputTopic(ACTIVITY_TOPIC, Serdes.String().serializer(),
                topics.valueSerde(AppActivity.class).serializer());
        violations = driver.createInputTopic(topics.violations().name(), Serdes.String().serializer(),
                topics.violations().valueSerde().serializer());
        actions = driver.createOutputTopic(topics.enforcement().name(), Serdes.String().deserializer(),
                topics.enforcement().valueSerde().deserializer());
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
        return topology;
    }

    void launch(String appId, String userRef, Instant at) {
        activity.pipeInput(appId, new AppActivity(appId, userRef, at), at);
    }

    /** Users {@code first} … {@code first + count - 1} launch the app at {@code at}. */
    void launches(String appId, int first, int count, Instant at) {
        for (int i = first; i < first + count; i++) {
            launch(appId, user(i), at);
        }
    }

    void send(Violation violation) {
        violations.pipeInput(violation.getAppId(), violation, violation.getEventTime());
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
        return actions.readValuesToList();
    }

    List<String> actionKeys() {
        return actions.readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    EnforcementQueries queries() {
        return new EnforcementQueries(driver.<String, EnforcementWindowState>getKeyValueStore(EnforcementStores.WINDOW_STATE),
                driver.<String, EnforcementAction>getKeyValueStore(EnforcementStores.ACTIONS),
                driver.<String, Violation>getKeyValueStore(EnforcementStores.APP_VIOLATIONS),
                driver.<String, Violation>getKeyValueStore(EnforcementStores.RECENT_VIOLATIONS));
    }

    /** A store of the stage, as the driver holds it. */
    <V> org.apache.kafka.streams.state.KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    EnforcementWindowState window(String appId, int day) {
        return queries().window(appId, dayStart(day)).orElseThrow();
    }

    double lateEvents() {
        final Counter counter = registry.find("authwatch_late_events").counter();
        return counter == null ? 0 : counter.count();
    }

    double actionsCounted(EnforcementKind kind) {
        final Counter counter = registry.find("authwatch_enforcement_actions").tag("action", kind.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }
}
