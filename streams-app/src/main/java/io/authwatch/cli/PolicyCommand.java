package io.authwatch.cli;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PolicyDiff;
import io.authwatch.policy.PolicyFile;
import io.authwatch.policy.PolicyInForce;
import io.authwatch.policy.PolicyPublisher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code policy apply | get | diff} (CONTRACT.md section 6): publish a path policy without rolling
 * one back by accident, print the one in force, and show what a file would change.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Manage path policies.",
        subcommands = {PolicyCommand.Apply.class, PolicyCommand.Get.class, PolicyCommand.Diff.class})
final class PolicyCommand implements Runnable {

    /** {@code policy get}'s exit code when no policy is in force for the appId. */
    static final int NO_POLICY = 4;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code --config} option every policy command shares. */
    static final class ConfigOption {
        @Option(names = "--config", paramLabel = "FILE",
                description = "Properties file; AUTHWATCH_* environment variables override it.")
        Path file;

        AuthwatchConfig load() {
            return AuthwatchConfig.load(file, System.getenv());
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Validate FILE.json (shaped like AppPathPolicy) and publish it to topic.policy, keyed by appId.",
                    "A version not greater than the one in force for that appId is refused (exit 2) unless --force."})
    static final class Apply implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.json", description = "The policy file.")
        private Path policyFile;

        @CommandLine.Mixin
        private ConfigOption config = new ConfigOption();

        @Option(names = "--dry-run", description = "Only validate the file; connect to nothing, publish nothing.")
        private boolean dryRun;

        @Option(names = "--force", description = "Publish even when the version is not greater than the one in force.")
        private boolean force;

        @Override
        public Integer call() {
            final AppPathPolicy policy = PolicyFile.read(policyFile);
            final String what = "policy for app '" + policy.getAppId() + "' version " + policy.getVersion()
                    + " (" + policy.getRules().size() + " rules)";
            if (dryRun) {
                spec.commandLine().getOut().println("valid: " + what);
                return 0;
            }
            final PolicyPublisher.Applied applied = PolicyPublisher.apply(config.load(), policy, force);
            final RecordMetadata at = applied.at();
            spec.commandLine().getOut().println("published " + what + " to " + at.topic() + " (partition "
                    + at.partition() + ", offset " + at.offset() + "), replacing "
                    + applied.previousVersion().map(v -> "version " + v).orElse("no policy")
                    + (force && applied.previousVersion().filter(v -> v >= policy.getVersion()).isPresent()
                    ? " (forced)" : ""));
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Print the policy in force for APPID ('*' for the platform default) as the JSON that "
                    + "'policy apply' takes, with its version.", "Exit 4 when there is none."})
    static final class Get implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "APPID", description = "The appId, or '*' for the platform default.")
        private String appId;

        @CommandLine.Mixin
        private ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            final Optional<AppPathPolicy> policy = PolicyInForce.of(config.load(), appId);
            if (policy.isEmpty()) {
                spec.commandLine().getErr().println("authwatch: no policy is in force for app '" + appId + "'");
                return NO_POLICY;
            }
            spec.commandLine().getOut().println(PolicyFile.toJson(policy.get()));
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What publishing FILE.json would change against the policy in force: rules added (+), "
                    + "removed (-), re-categorised (~) and moved (>), in rule order.")
    static final class Diff implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.json", description = "The candidate policy file.")
        private Path policyFile;

        @CommandLine.Mixin
        private ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            final AppPathPolicy candidate = PolicyFile.read(policyFile);
            final Optional<AppPathPolicy> current = PolicyInForce.of(config.load(), candidate.getAppId());
            final PolicyDiff diff = PolicyDiff.between(current, candidate);
            final PrintWriter out = spec.commandLine().getOut();
            out.println("app '" + diff.appId() + "': "
                    + diff.current().map(v -> "version " + v + " in force").orElse("no policy in force")
                    + ", version " + diff.candidate() + " in " + policyFile);
            diff.changes().forEach(c -> out.println("  " + c.describe()));
            out.println(diff.count(PolicyDiff.Kind.ADDED) + " added, " + diff.count(PolicyDiff.Kind.REMOVED)
                    + " removed, " + diff.count(PolicyDiff.Kind.RECATEGORISED) + " re-categorised, "
                    + diff.count(PolicyDiff.Kind.MOVED) + " moved");
            diff.current().filter(v -> v >= diff.candidate()).ifPresent(v -> out.println("note: version "
                    + diff.candidate() + " is not greater than " + v + ": 'policy apply' would refuse it without --force"));
            return 0;
        }
    }
}
