package io.authwatch.cli;

import io.authwatch.config.ConfigException;
import io.authwatch.policy.InvalidPolicyException;
import io.authwatch.runtime.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar authwatch.jar run | demo | policy | backtest} (CONTRACT.md section 6). The only place
 * that ends the process: each command returns its exit code (0 ok, 1 failed while running, 2 bad
 * configuration, policy or arguments, 3 cannot start: a missing topic, an unreachable registry).
 */
@Command(name = "authwatch", mixinStandardHelpOptions = true, version = "authwatch 0.1.0",
        description = "Watches mini-program telemetry for apps that force phone-number authorization.",
        subcommands = {RunCommand.class, DemoCommand.class, PolicyCommand.class, BacktestCommand.class})
public final class Main implements Runnable {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int CANNOT_START = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code, without exiting. */
    public static int execute(String... args) {
        final CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("authwatch: " + e.getMessage());
            if (e instanceof ConfigException || e instanceof InvalidPolicyException) {
                return BAD_INPUT;
            }
            if (e instanceof StartupException) {
                return CANNOT_START;
            }
            e.printStackTrace(cmd.getErr());
            return FAILED;
        });
        return line.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
