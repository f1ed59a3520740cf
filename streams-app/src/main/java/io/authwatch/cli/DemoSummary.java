package io.authwatch.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The demo's one-line live summary, read from the contract's metrics: events per second since the
 * last line, violations by rule and actions by tier since start, and the Streams state.
 */
final class DemoSummary {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Rule to the platform's example case, to keep the line short. */
    private static final List<Map.Entry<String, String>> CASES = List.of(Map.entry("FIRST_SCREEN_PROMPT", "1.1"),
            Map.entry("CONTENT_GATED_ENTRY", "1.2"), Map.entry("NON_ESSENTIAL_SECTION_PROMPT", "2"),
            Map.entry("NON_ESSENTIAL_SCENE_PROMPT", "3"), Map.entry("REPROMPT_AFTER_DENIAL", "4"));
    private static final List<Map.Entry<String, String>> TIERS = List.of(Map.entry("WARNING", "warn"),
            Map.entry("RESTRICT_PHONE_AUTH", "restrict"), Map.entry("SUSPEND_PHONE_AUTH", "suspend"));

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
        return String.format("%s %s | %.0f events/s (%d sent) | violations by case %s | actions %s | dlq %.0f",
                LocalTime.now().format(TIME), state.get(), rate, simulated.getAsLong(),
                byTag("authwatch_violations", "rule", CASES), byTag("authwatch_enforcement_actions", "action", TIERS),
                sum("authwatch_dlq_records"));
    }

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** {@code 1.1=4 1.2=3 …} in the order of {@code labels}, zeros included. */
    private String byTag(String name, String tag, List<Map.Entry<String, String>> labels) {
        final Map<String, String> labelOf = new LinkedHashMap<>();
        final Map<String, Long> totals = new LinkedHashMap<>();
        labels.forEach(e -> {
            labelOf.put(e.getKey(), e.getValue());
            totals.put(e.getValue(), 0L);
        });
        for (Counter c : registry.find(name).counters()) {
            final String value = String.valueOf(c.getId().getTag(tag));
            totals.merge(labelOf.getOrDefault(value, value), Math.round(c.count()), Long::sum);
        }
        final StringBuilder out = new StringBuilder();
        totals.forEach((label, count) -> out.append(out.length() == 0 ? "" : " ").append(label).append('=').append(count));
        return out.toString();
    }
}
