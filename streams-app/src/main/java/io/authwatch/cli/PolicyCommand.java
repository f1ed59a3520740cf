package io.authwatch.cli;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PolicyFile;
import io.authwatch.policy.PolicyPublisher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy apply FILE.json [--config FILE]}: validate a path policy and publish it. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Manage path policies.",
        subcommands = PolicyCommand.Apply.class)
final class PolicyCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Validate FILE.json (shaped like AppPathPolicy) and publish it to topic.policy, keyed by appId.")
    static final class Apply implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.json", description = "The policy file.")
        private Path policyFile;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Properties file; AUTHWATCH_* environment variables override it.")
        private Path configFile;

        @Option(names = "--dry-run", description = "Only validate; publish nothing.")
        private boolean dryRun;

        @Override
        public Integer call() {
            final AppPathPolicy policy = PolicyFile.read(policyFile);
            final String what = "policy for app '" + policy.getAppId() + "' version " + policy.getVersion()
                    + " (" + policy.getRules().size() + " rules)";
            if (dryRun) {
                spec.commandLine().getOut().println("valid: " + what);
                return 0;
            }
            final AuthwatchConfig config = AuthwatchConfig.load(configFile, System.getenv());
            final RecordMetadata at = PolicyPublisher.publish(config, policy);
            spec.commandLine().getOut().println("published " + what + " to " + at.topic() + " (partition "
                    + at.partition() + ", offset " + at.offset() + ")");
            return 0;
        }
    }
}
