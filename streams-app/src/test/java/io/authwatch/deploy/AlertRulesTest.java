package io.authwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass {@code promtool check rules} and their unit tests ({@code promtool test
 * rules}), with Debian's {@code prometheus} package. On CI (where .ci/run installs it) a missing
 * promtool fails; elsewhere the test is skipped and says why.
 */
class AlertRulesTest {

    @Test
    void shouldPassPromtoolCheckAndTheRuleUnitTests() throws Exception {
        final String promtool = Tools.find("promtool");
        final Path dir = DeployFiles.deploy("prometheus");

        final Result check = run(dir, promtool, "check", "rules", "alerts.yml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 9 rules found");

        final Result test = run(dir, promtool, "test", "rules", "alerts.test.yml");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    record Result(int exit, String output) {
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final boolean done = p.waitFor(2, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(done ? p.exitValue() : -1, out);
    }
}
