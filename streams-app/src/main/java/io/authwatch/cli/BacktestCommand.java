package io.authwatch.cli;

import io.authwatch.backtest.Backtest;
import io.authwatch.backtest.BacktestRequest;
import io.authwatch.backtest.ReportFiles;
import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PolicyFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backtest --policy FILE.json --from T --to T [--app APPID]… [--config FILE] [--out DIR]
 * [--warm-up DURATION]} (CONTRACT.md section 6): what a candidate policy would have changed on the
 * telemetry of a range, replayed in-process; progress on stderr, the headline on stdout.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay a time range of the telemetry with the policies in force and with a candidate policy, "
                + "and report what the candidate would change. Writes nothing to the cluster.")
final class BacktestCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "FILE.json", description = "The candidate policy.")
    private Path policyFile;

    @Option(names = "--from", required = true, paramLabel = "T",
            description = "Start of the range (inclusive), ISO-8601 instant of Kafka record time, e.g. 2026-12-07T00:00:00Z.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "T", description = "End of the range (exclusive), ISO-8601 instant.")
    private String to;

    @Option(names = "--app", paramLabel = "APPID", description = "Replay only these apps (repeatable); default all.")
    private List<String> apps = List.of();

    @Option(names = "--warm-up", paramLabel = "DURATION",
            description = "How far before --from state is rebuilt, ISO-8601 (default: the larger of "
                    + "rule.reprompt.cooldown and dedup.window, PT48H by default).")
    private String warmUp;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file; AUTHWATCH_* environment variables override it.")
    private Path configFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.json and report.html here.")
    private Path out;

    @Override
    public Integer call() {
        final AuthwatchConfig config = AuthwatchConfig.load(configFile, System.getenv());
        final AppPathPolicy candidate = PolicyFile.read(policyFile);
        final BacktestRequest request;
        try {
            request = new BacktestRequest(candidate, instant("--from", from), instant("--to", to), Set.copyOf(apps),
                    warmUp == null ? Backtest.defaultWarmUp(config) : Duration.parse(warmUp));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            spec.commandLine().getErr().println("authwatch: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        final Backtest.Result result = new Backtest(config, request, System.err).run();
        spec.commandLine().getOut().println(ReportFiles.headline(result.report()));
        if (out != null) {
            ReportFiles.write(result.report(), out);
            spec.commandLine().getOut().println("report: " + out.resolve(ReportFiles.JSON) + ", "
                    + out.resolve(ReportFiles.HTML));
        }
        return 0;
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + value + " is not an ISO-8601 instant (e.g. 2026-12-07T00:00:00Z)");
        }
    }
}
