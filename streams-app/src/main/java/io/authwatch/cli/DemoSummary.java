package io.authwatch.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The demo's one-line live summary, read from the contract's metrics: events per second since the
 * last line, violations by rule and actions by tier since start, and the Streams state.
 */
final class DemoSummary {

    private final MeterRegistry registry;
    private final LongSupplier simulated;
    private final Supplier<String> state;
    private double lastEvents;
    private long lastNanos = System.nanoTime();

    DemoSummary(MeterRegistry registry, LongSupplier simulated, Supplier<String> state) {
        this.registry = registry;
        this.simulated = simulated;
        this.state = state;
    }

    String line() {
        final long now = System.nanoTime();
        final double events = sum("authwatch_events");
        final double seconds = Math.max(0.001, (now - lastNanos) / 1e9);
        final double rate = (events - lastEvents) / seconds;
        lastEvents = events;
        lastNanos = now;
        return String.format("[%s] %s | events %.0f/s (%d sent) | violations %s | actions %s | dlq %.0f",
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS), state.get(), rate, simulated.getAsLong(),
                byTag("authwatch_violations", "rule"), byTag("authwatch_enforcement_actions", "action"),
                sum("authwatch_dlq_records"));
    }

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private String byTag(String name, String tag) {
        final Map<String, Long> totals = new TreeMap<>();
        for (Counter c : registry.find(name).counters()) {
            totals.merge(String.valueOf(c.getId().getTag(tag)), Math.round(c.count()), Long::sum);
        }
        return totals.isEmpty() ? "none" : totals.toString();
    }
}
