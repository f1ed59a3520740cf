package io.authwatch.cli;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.rules.UserRefHasher;
import io.authwatch.runtime.AuthwatchService;
import io.authwatch.runtime.ServedMonitor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run [--config FILE]}: the monitor against the configured Kafka cluster and registry. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the monitor against the configured Kafka cluster and schema registry.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file; AUTHWATCH_* environment variables override it.")
    private Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        final AuthwatchConfig config = AuthwatchConfig.load(configFile, System.getenv());
        LOG.info("Configuration: {}", config.redacted());
        warnAboutDevelopmentSecret(config);
        final ServedMonitor monitor = ServedMonitor.start(config);
        final AuthwatchService service = monitor.service();
        Runtime.getRuntime().addShutdownHook(new Thread(monitor::close, "authwatch-shutdown"));
        service.awaitStopped();
        return service.streams().state() == KafkaStreams.State.ERROR ? Main.FAILED : 0;
    }

    static void warnAboutDevelopmentSecret(AuthwatchConfig config) {
        if (UserRefHasher.usesDevelopmentSecret(config.string("user-ref.secret"))) {
            LOG.warn("user-ref.secret is empty: userRef hashes use a built-in development secret that anyone "
                    + "can reproduce. Set user-ref.secret (or AUTHWATCH_USER_REF_SECRET) in production.");
        }
    }
}
