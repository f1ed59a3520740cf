package io.authwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorProcess;
import io.authwatch.testing.TestRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monitor, a separate process, is killed with SIGKILL while live traffic flows and started again
 * on the same state directory: every violation and action is published exactly once.
 */
class MonitorCrashIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    @Test
    void shouldPublishEveryViolationAndActionExactlyOnceAfterAKillNineAndARestart() throws Exception {
        // Given six thousand generated records from twelve apps, half of them violating
        final FaultDataset dataset = FaultDataset.generate(5, 6_000, new FaultDataset.Thresholds(5, 12, 30));
        final long seed = System.nanoTime();
        final double killAt = 0.2 + new Random(seed).nextDouble() * 0.4;
        try (FaultRun run = new FaultRun("kill-once", KAFKA.bootstrapServers(), REGISTRY.url(), dataset, Map.of())) {
            final MonitorProcess monitor = run.monitor("monitor-1", Map.of()).startAndAwaitRunning();
            final ExactlyOnceCheck check = run.check();
            final TrafficFeed feed = run.feed(400).start();

            // When the monitor is killed at a random point of the traffic, after it has published some
            await().atMost(Duration.ofMinutes(2)).until(() -> feed.progress() >= killAt);
            monitor.kill();
            System.out.printf("killed %s at %.0f%% of the feed (seed %d)%n", monitor.name(), killAt * 100, seed);
            // and started again while the traffic keeps coming
            monitor.startAndAwaitRunning();
            feed.awaitDone(Duration.ofMinutes(3));

            // Then the outputs hold exactly the planted violations and the actions they call for
            final ExactlyOnceCheck.Outcome outcome = check.awaitAndVerify(Duration.ofMinutes(3));
            assertThat(monitor.starts()).isEqualTo(2);
            run.report("1 kill -9 at " + Math.round(killAt * 100) + "% of the feed", outcome);
        }
    }
}
