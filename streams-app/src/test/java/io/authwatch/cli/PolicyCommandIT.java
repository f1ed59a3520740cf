package io.authwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathCategory;
import io.authwatch.policy.PolicyFile;
import io.authwatch.runtime.TopicSetup;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy apply | get | diff} against a real broker and registry: the version guard, the policy
 * in force printed as applicable JSON, and the diff of a file against it. Each test uses its own appId.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class PolicyCommandIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    @TempDir
    Path dir;

    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void givenTheTopicsAndAConfig() throws IOException {
        config = dir.resolve("authwatch.properties");
        Files.writeString(config, "bootstrap.servers=" + KAFKA.bootstrapServers() + "\n"
                + "schema.registry.url=" + REGISTRY.url() + "\n"
                + "topics.partitions=3\n");
        new TopicSetup(AuthwatchConfig.load(config, Map.of())).ensure();
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void shouldRefuseAVersionNotGreaterThanTheOneInForceNamingBothUnlessForced() throws IOException {
        // Given version 2 in force for an app
        assertThat(policy("apply", file("wx-guard", 2, "pages/goods/**", "PRODUCT"))).isZero();

        // When the same version, then an older one, is applied
        final int same = policy("apply", file("wx-guard", 2, "pages/goods/**", "BROWSE"));
        final String sameErr = takeErr();
        final int older = policy("apply", file("wx-guard", 1, "pages/goods/**", "BROWSE"));
        final String olderErr = takeErr();

        // Then both are refused with exit 2, naming both versions, and version 2 stays in force
        assertThat(same).isEqualTo(Main.BAD_INPUT);
        assertThat(sameErr).contains("version 2 of app 'wx-guard' is not greater than version 2 in force", "--force");
        assertThat(older).isEqualTo(Main.BAD_INPUT);
        assertThat(olderErr).contains("version 1 of app 'wx-guard' is not greater than version 2 in force");
        assertThat(policyInForce("wx-guard").getRules().get(0).getCategory()).isEqualTo(PathCategory.PRODUCT);

        // And with --force the older version is published
        assertThat(policy("apply", file("wx-guard", 1, "pages/goods/**", "BROWSE"), "--force")).isZero();
        assertThat(takeOut()).contains("replacing version 2 (forced)");
        final AppPathPolicy forced = policyInForce("wx-guard");
        assertThat(forced.getVersion()).isEqualTo(1);
        assertThat(forced.getRules().get(0).getCategory()).isEqualTo(PathCategory.BROWSE);

        // And a greater version needs no force
        assertThat(policy("apply", file("wx-guard", 3, "pages/goods/**", "PRODUCT"))).isZero();
        assertThat(takeOut()).contains("version 3", "replacing version 1");
    }

    @Test
    void shouldPrintThePolicyInForceAsTheJsonThatApplyTakes() throws IOException {
        // Given a policy with a note applied, then a newer one
        final Path v1 = dir.resolve("v1.json");
        Files.writeString(v1, "{\"appId\":\"wx-get\",\"version\":7,\"rules\":["
                + "{\"pattern\":\"pages/index/**\",\"category\":\"ENTRY_HOME\",\"note\":\"home, 首页\"},"
                + "{\"pattern\":\"pages/bind/*\",\"category\":\"ACCOUNT\"}]}");
        assertThat(policy("apply", v1.toString())).isZero();
        takeOut();

        // When it is read back
        final int exit = policy("get", "wx-get");
        final String printed = takeOut();

        // Then it is the applied policy, as JSON that policy apply reads back to the same record
        assertThat(exit).isZero();
        assertThat(printed).contains("\"version\" : 7");
        assertThat(PolicyFile.parse(printed, "get output")).isEqualTo(PolicyFile.read(v1));

        // And the printed JSON, with its version raised, is applied as it is (a rollback from get)
        final Path edited = dir.resolve("edited.json");
        Files.writeString(edited, printed.replace("\"version\" : 7", "\"version\" : 8"));
        assertThat(policy("apply", edited.toString())).isZero();
        assertThat(policyInForce("wx-get").getVersion()).isEqualTo(8);
    }

    @Test
    void shouldExitWith4WhenNoPolicyIsInForce() throws Exception {
        // Given one app never had a policy, another had one deleted (a tombstone)
        assertThat(policy("apply", file("wx-deleted", 1, "pages/**", "BROWSE"))).isZero();
        takeOut();
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("authwatch.policy.v1", "wx-deleted", null)).get();
        }

        // Then policy get exits 4 for both, saying so
        assertThat(policy("get", "wx-never")).isEqualTo(PolicyCommand.NO_POLICY);
        assertThat(takeErr()).contains("no policy is in force for app 'wx-never'");
        assertThat(policy("get", "wx-deleted")).isEqualTo(PolicyCommand.NO_POLICY);
        assertThat(takeOut()).isEmpty();
    }

    @Test
    void shouldDiffAFileAgainstThePolicyInForceInRuleOrder() throws IOException {
        // Given three rules in force
        final Path current = dir.resolve("current.json");
        Files.writeString(current, "{\"appId\":\"wx-diff\",\"version\":4,\"rules\":["
                + "{\"pattern\":\"pages/cart/**\",\"category\":\"BROWSE\"},"
                + "{\"pattern\":\"pages/goods/**\",\"category\":\"PRODUCT\"},"
                + "{\"pattern\":\"pages/news/**\",\"category\":\"CONTENT\"}]}");
        assertThat(policy("apply", current.toString())).isZero();
        takeOut();

        // When a file re-categorises the first, adds one and drops the second
        final Path candidate = dir.resolve("candidate.json");
        Files.writeString(candidate, "{\"appId\":\"wx-diff\",\"version\":5,\"rules\":["
                + "{\"pattern\":\"pages/cart/**\",\"category\":\"ORDER_IN_STORE\"},"
                + "{\"pattern\":\"pages/search/**\",\"category\":\"SEARCH\"},"
                + "{\"pattern\":\"pages/news/**\",\"category\":\"CONTENT\"}]}");
        final int exit = policy("diff", candidate.toString());

        // Then the changes are listed in rule order, and nothing was published
        assertThat(exit).isZero();
        assertThat(takeOut()).isEqualTo(String.join(System.lineSeparator(),
                "app 'wx-diff': version 4 in force, version 5 in " + candidate,
                "  ~ rules[0] pages/cart/** BROWSE -> ORDER_IN_STORE",
                "  + rules[1] pages/search/** SEARCH",
                "  - pages/goods/** PRODUCT (was rules[1])",
                "1 added, 1 removed, 1 re-categorised, 0 moved", ""));
        assertThat(policyInForce("wx-diff").getVersion()).isEqualTo(4);
    }

    @Test
    void shouldDiffEveryRuleAsAddedWhenNoPolicyIsInForce() throws IOException {
        assertThat(policy("diff", file("wx-new", 1, "pages/**", "BROWSE"))).isZero();

        assertThat(takeOut()).contains("app 'wx-new': no policy in force", "  + rules[0] pages/** BROWSE",
                "1 added, 0 removed, 0 re-categorised, 0 moved");
    }

    private int policy(String... args) {
        final String[] all = new String[args.length + 3];
        all[0] = "policy";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--config";
        all[args.length + 2] = config.toString();
        return Main.execute(all);
    }

    private AppPathPolicy policyInForce(String appId) {
        return io.authwatch.policy.PolicyInForce.of(AuthwatchConfig.load(config, Map.of()), appId).orElseThrow();
    }

    private String file(String appId, long version, String pattern, String category) throws IOException {
        final Path f = Files.createTempFile(dir, appId, ".json");
        Files.writeString(f, "{\"appId\":\"" + appId + "\",\"version\":" + version + ",\"rules\":[{\"pattern\":\""
                + pattern + "\",\"category\":\"" + category + "\"}]}");
        return f.toString();
    }

    private String takeOut() {
        final String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    private String takeErr() {
        final String s = err.toString(StandardCharsets.UTF_8);
        err.reset();
        return s;
    }
}
