package io.authwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.testing.BrokerProcess;
import io.authwatch.testing.MonitorProcess;
import io.authwatch.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker, a separate process, is restarted (controlled shutdown, same port and data directory)
 * while the monitor runs and traffic flows: the monitor rides it out without a restart, and every
 * violation and action is published exactly once.
 */
class BrokerBounceIT {

    @RegisterExtension
    static final TestRegistry REGISTRY = new TestRegistry();

    @Test
    void shouldPublishEveryViolationAndActionExactlyOnceAcrossABrokerRestart() throws Exception {
        // Given the dataset, a broker of its own and the monitor running against it
        final FaultDataset dataset = FaultDataset.generate(7, 6_000, new FaultDataset.Thresholds(5, 12, 30));
        final long seed = System.nanoTime();
        final double bounceAt = 0.25 + new Random(seed).nextDouble() * 0.35;
        final Path brokerDir = FaultRun.ROOT.resolve("broker-" + UUID.randomUUID().toString().substring(0, 8));
        try (BrokerProcess broker = BrokerProcess.start(brokerDir.resolve("data"), brokerDir.resolve("broker.log"));
             FaultRun run = new FaultRun("broker-restart", broker.bootstrapServers(), REGISTRY.url(), dataset,
                     Map.of())) {
            final MonitorProcess monitor = run.monitor("monitor-1", Map.of()).startAndAwaitRunning();
            final ExactlyOnceCheck check = run.check();
            final TrafficFeed feed = run.feed(400).start();

            // When the broker is stopped at a random point of the traffic and started again
            await().atMost(Duration.ofMinutes(2)).until(() -> feed.progress() >= bounceAt);
            broker.stop();
            System.out.printf("stopped the broker at %.0f%% of the feed (seed %d)%n", bounceAt * 100, seed);
            broker.restart();
            feed.awaitDone(Duration.ofMinutes(5));

            // Then the outputs are exact, and the same monitor process did it
            final ExactlyOnceCheck.Outcome outcome = check.awaitAndVerify(Duration.ofMinutes(4));
            assertThat(monitor.isAlive()).isTrue();
            assertThat(monitor.starts()).isEqualTo(1);
            run.report("1 broker restart at " + Math.round(bounceAt * 100) + "% of the feed", outcome);
        }
    }
}
