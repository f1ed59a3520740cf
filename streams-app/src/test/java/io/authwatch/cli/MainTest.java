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
