package io.authwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.testing.BrokerProcess;
import io.authwatch.testing.KafkaBroker;
import io.authwatch.testing.MonitorProcess;
import io.authwatch.testing.TempDirs;
import io.authwatch.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The long fault runs, modelled on Apache Kafka's EOS system tests (run with {@code -Pfault-tests}, see
 * the README): bigger datasets, several faults per run, two instances sharing the work. Each scenario
 * ends with the {@link ExactlyOnceCheck} and appends its figures to {@code target/fault-runs/summary.txt}.
 * Fault points are random (the seed is printed) and defined by progress — of the traffic, or of the
 * output — rather than by time, so a slow machine moves them without skipping them.
 */
class FaultSoakIT {

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final TestRegistry REGISTRY = new TestRegistry(KAFKA);

    private static final FaultDataset.Thresholds TIERS = new FaultDataset.Thresholds(5, 25, 60);
    private static final int EVENTS = Integer.getInteger("authwatch.fault.events", 40_000);
    private static final int KILLS = Integer.getInteger("authwatch.fault.kills", 6);
    private static final double RATE = 400;
    /** Above the longest outage here (a broker crash, a restart restoring everything): see {@link FaultRun}. */
    private static final Map<String, String> TIMINGS = Map.of("rule.session-quiet", "PT60S", "ordering.grace", "PT60S");
    private static final Map<String, String> STANDBY = Map.of("num.standby.replicas", "1",
            "rule.session-quiet", "PT60S", "ordering.grace", "PT60S");

    private final long seed = Long.getLong("authwatch.fault.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @Test
    void shouldStayExactThroughManyKillNinesOfTheMonitor() throws Exception {
        // Given a big dataset and one monitor
        final FaultDataset dataset = FaultDataset.generate(11, EVENTS, TIERS);
        try (FaultRun run = new FaultRun("many-kills", KAFKA.bootstrapServers(), REGISTRY.url(), dataset, TIMINGS)) {
            final MonitorProcess monitor = run.monitor("monitor-1", Map.of()).startAndAwaitRunning();
            final ExactlyOnceCheck check = run.check();
            final TrafficFeed feed = run.feed(RATE).start();

            // When it is killed at random points of the traffic, and once more while it finishes the
            // output, restarted each time
            for (final double at : randomPoints(KILLS - 1)) {
                awaitPoint(run, feed, at);
                killAndRestart(monitor);
            }
            feed.awaitDone(Duration.ofMinutes(10));
            final int outputAt = (int) (dataset.expectedViolations().size() * (0.90 + random.nextDouble() * 0.08));
            await().atMost(Duration.ofMinutes(5)).until(() -> check.violationsSoFar() >= outputAt && run.caughtUp());
            killAndRestart(monitor);

            // Then
            final ExactlyOnceCheck.Outcome outcome = check.awaitAndVerify(Duration.ofMinutes(5));
            assertThat(monitor.starts()).isEqualTo(KILLS + 1);
            run.report(KILLS + " kill -9 of the monitor (seed " + seed + ")", outcome);
        }
    }

    @Test
    void shouldHandTheWorkOverBetweenTwoInstancesAndBack() throws Exception {
        // Given two instances sharing the work, each with a standby of the other's state
        final FaultDataset dataset = FaultDataset.generate(12, EVENTS, TIERS);
        try (FaultRun run = new FaultRun("two-instances", KAFKA.bootstrapServers(), REGISTRY.url(), dataset, STANDBY)) {
            final MonitorProcess a = run.monitor("monitor-a", Map.of()).startAndAwaitRunning();
            final MonitorProcess b = run.monitor("monitor-b", Map.of()).startAndAwaitRunning();
            final ExactlyOnceCheck check = run.check();
            final TrafficFeed feed = run.feed(RATE).start();
            final double[] at = randomPoints(4);

            // When A is killed, B takes over, A comes back; then the same the other way round
            awaitPoint(run, feed, at[0]);
            a.kill();
            awaitPoint(run, feed, at[1]);
            assertThat(b.isAlive()).isTrue();
            a.startAndAwaitRunning();
            awaitPoint(run, feed, at[2]);
            b.kill();
            awaitPoint(run, feed, at[3]);
            b.startAndAwaitRunning();
            feed.awaitDone(Duration.ofMinutes(10));

            // Then the output is exact, and the instances did keep standby replicas
            final ExactlyOnceCheck.Outcome outcome = check.awaitAndVerify(Duration.ofMinutes(5));
            assertThat(a.log() + b.log()).containsPattern("New standby tasks: \\[\\d");
            run.report("2 instances (num.standby.replicas=1): A killed, B took over, A back, B killed, B back "
                    + "(seed " + seed + ")", outcome);
        }
    }

    @Test
    void shouldStayExactThroughABrokerCrash() throws Exception {
        // Given a broker of its own and two instances
        final FaultDataset dataset = FaultDataset.generate(13, EVENTS, TIERS);
        final Path brokerDir = FaultRun.ROOT.resolve("broker-" + UUID.randomUUID().toString().substring(0, 8));
        try (BrokerProcess broker = BrokerProcess.start(brokerDir.resolve("data"), brokerDir.resolve("broker.log"));
             FaultRun run = new FaultRun("broker-crash", broker.bootstrapServers(), REGISTRY.url(), dataset, STANDBY)) {
            final MonitorProcess a = run.monitor("monitor-a", Map.of()).startAndAwaitRunning();
            final MonitorProcess b = run.monitor("monitor-b", Map.of()).startAndAwaitRunning();
            final ExactlyOnceCheck check = run.check();
            final TrafficFeed feed = run.feed(RATE).start();
            final double[] at = randomPoints(2);

            // When the broker is killed (SIGKILL) and restarted, then later stopped cleanly and restarted
            awaitPoint(run, feed, at[0]);
            broker.kill();
            broker.restart();
            awaitPoint(run, feed, at[1]);
            broker.stop();
            broker.restart();
            feed.awaitDone(Duration.ofMinutes(10));

            // Then the same two processes published exactly the expected records
            final ExactlyOnceCheck.Outcome outcome = check.awaitAndVerify(Duration.ofMinutes(5));
            assertThat(a.isAlive() && b.isAlive()).isTrue();
            assertThat(a.starts() + b.starts()).isEqualTo(2);
            run.report("broker kill -9 + restart, then broker stop + restart, 2 instances (seed " + seed + ")",
                    outcome);
        }
    }

    @Test
    void shouldStayExactThroughARollingRestartAndAWipedStateDirectory() throws Exception {
        // Given two instances
        final FaultDataset dataset = FaultDataset.generate(14, EVENTS, TIERS);
        try (FaultRun run = new FaultRun("rolling", KAFKA.bootstrapServers(), REGISTRY.url(), dataset, STANDBY)) {
            final MonitorProcess a = run.monitor("monitor-a", Map.of()).startAndAwaitRunning();
            final MonitorProcess b = run.monitor("monitor-b", Map.of()).startAndAwaitRunning();
            final ExactlyOnceCheck check = run.check();
            final TrafficFeed feed = run.feed(RATE).start();
            final double[] at = randomPoints(3);

            // When each is stopped cleanly (SIGTERM) and started again, one after the other
            awaitPoint(run, feed, at[0]);
            stopCleanly(a);
            a.startAndAwaitRunning();
            awaitPoint(run, feed, at[1]);
            stopCleanly(b);
            b.startAndAwaitRunning();
            // and then both are stopped, A's state directory is wiped, and A alone starts again
            awaitPoint(run, feed, at[2]);
            stopCleanly(b);
            stopCleanly(a);
            TempDirs.deleteRecursively(run.stateDir("monitor-a"));
            a.startAndAwaitRunning();
            feed.awaitDone(Duration.ofMinutes(10));

            // Then A rebuilt its detection state from the changelog, and the output is exact
            final ExactlyOnceCheck.Outcome outcome = check.awaitAndVerify(Duration.ofMinutes(5));
            final long restored = restoredRecords(a.jvm().output(), "detect-user-state");
            assertThat(restored).as("records restored into detect-user-state").isPositive();
            run.report("rolling restart of 2 instances, then a restart with A's state directory wiped ("
                    + restored + " detect-user-state records restored from the changelog; seed " + seed + ")",
                    outcome);
        }
    }

    /**
     * Waits until the traffic reached {@code at} and the monitors have caught up with it, so that two
     * faults never merge into one outage longer than the wall-clock thresholds.
     */
    private static void awaitPoint(FaultRun run, TrafficFeed feed, double at) {
        await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofMinutes(5))
                .until(() -> feed.progress() >= at && run.caughtUp());
    }

    private static void stopCleanly(MonitorProcess monitor) {
        monitor.stop();
        assertThat(monitor.stoppedCleanly()).as(monitor.jvm().tail()).isTrue();
    }

    private static void killAndRestart(MonitorProcess monitor) {
        monitor.kill();
        monitor.startAndAwaitRunning();
    }

    /** {@code n} sorted random points of the traffic, between 5 % and 95 %. */
    private double[] randomPoints(int n) {
        final double[] points = new double[n];
        for (int i = 0; i < n; i++) {
            points[i] = 0.05 + random.nextDouble() * 0.9;
        }
        Arrays.sort(points);
        return points;
    }

    /** Records Kafka Streams reports having restored into {@code store} in this output. */
    static long restoredRecords(String output, String store) {
        final Matcher m = Pattern.compile("Finished restoring changelog \\S+ to store " + Pattern.quote(store)
                + " with a total number of (\\d+) records").matcher(output);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
