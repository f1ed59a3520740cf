package io.authwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers that need no broker: usage, bad config, bad policy. */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void captureConsole() {
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

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldListTheThreeCommands() {
        assertThat(Main.execute("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("run", "demo", "policy");
    }

    @Test
    void shouldFailRunWithExitCode2NamingAWrongKey() throws IOException {
        final Path config = dir.resolve("bad.properties");
        Files.writeString(config, "rule.session-quiet=30 seconds\n");

        assertThat(Main.execute("run", "--config", config.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("'rule.session-quiet' = '30 seconds'", "ISO-8601");
    }

    @Test
    void shouldListEveryConfigProblemAtOnceWithExitCode2BeforeConnectingAnywhere() throws IOException {
        // Given a config with three bad values, two of which only the topology would have refused,
        // and a broker address where nothing listens (reaching it would fail with exit 3, not 2)
        final Path config = dir.resolve("bad.properties");
        Files.writeString(config, String.join("\n", "bootstrap.servers=127.0.0.1:1",
                "rule.idle-sweep=PT0S", "enforce.window=PT7H", "enforce.warning.min-users=0", ""));

        // When the monitor is started with it
        final long started = System.nanoTime();
        final int exit = Main.execute("run", "--config", config.toString());

        // Then it exits 2 at once, listing all three problems, each with where it was set
        assertThat(exit).isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("3 configuration problems")
                .contains("'rule.idle-sweep' = 'PT0S' must be longer than zero (set in " + config + ")")
                .contains("'enforce.window' = 'PT7H' must be a whole number of days or divide one day evenly")
                .contains("'enforce.warning.min-users' = '0' must be at least 1")
                .doesNotContain("Exception");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void shouldFailRunNamingAMissingConfigFile() {
        assertThat(Main.execute("run", "--config", dir.resolve("absent.properties").toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("absent.properties", "does not exist");
    }

    @Test
    void shouldRejectAnInvalidPolicyBeforeConnectingAnywhere() throws IOException {
        final Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"appId\":\"*\",\"version\":1,\"rules\":[{\"pattern\":\"a//b\",\"category\":\"BROWSE\"}]}");

        assertThat(Main.execute("policy", "apply", policy.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err()).contains("rules[0] (pattern 'a//b'): invalid glob");
    }

    @Test
    void shouldValidateAPolicyInADryRun() throws IOException {
        final Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"appId\":\"wx1\",\"version\":2,\"rules\":[{\"pattern\":\"pages/**\",\"category\":\"BROWSE\"}]}");

        assertThat(Main.execute("policy", "apply", policy.toString(), "--dry-run")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("valid: policy for app 'wx1' version 2 (1 rules)");
    }
}
