package io.authwatch.reliability;

import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.enforcement.EnforcementWindows;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.simulator.GeneratedEvent;
import io.authwatch.simulator.GeneratorSettings;
import io.authwatch.simulator.PlantedViolation;
import io.authwatch.simulator.TrafficGenerator;
import io.authwatch.violation.Confidence;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A generated dataset with what the monitor must publish for it, derived from the generator's ground
 * truth (never from the monitor's rule code): every planted violation exactly once, and per app the
 * enforcement tiers its distinct affected users reach.
 *
 * <p>The generator plants near-misses "re-prompt after the cooldown" two days after their first visit.
 * Those records are left out: they hold no planted violation, and delivered minutes (not days) after
 * the rest they would close the first enforcement window early on some partitions and make the
 * counts depend on which partition ran ahead — a matter of timing, not of faults. What remains fits in
 * one enforcement window, and the tier thresholds are set on distinct users only (rates 0), so the
 * expected actions follow from the ground truth alone.
 */
record FaultDataset(List<GeneratedEvent> events, List<AppPathPolicy> policies, Set<String> expectedViolations,
                    Set<String> expectedActions, Set<String> userIds, Thresholds thresholds) {

    /** Event time of the first visit: 10:00 in Shanghai, far from the window's midnight edges. */
    static final Instant START = Instant.parse("2026-03-02T02:00:00Z");
    private static final Duration KEEP = Duration.ofHours(1);
    private static final String LEFT_OUT_SCENARIO = "near-miss-reprompt-after-cooldown";

    /** Tier thresholds on distinct affected users (rates 0), as the monitor is configured with. */
    record Thresholds(int warning, int restrict, int suspend) {
        Map<String, String> config() {
            return Map.of("enforce.warning.min-users", String.valueOf(warning),
                    "enforce.restrict.min-users", String.valueOf(restrict), "enforce.restrict.min-rate", "0",
                    "enforce.suspend.min-users", String.valueOf(suspend), "enforce.suspend.min-rate", "0");
        }
    }

    /** About {@code events} records from 12 apps, half of them violating. */
    static FaultDataset generate(long seed, long events, Thresholds thresholds) {
        final GeneratorSettings settings = GeneratorSettings.builder().seed(seed).apps(12).users(12_000)
                .totalEvents(events).violatingAppShare(0.5).plantRate(0.4).startTime(START).build();
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(settings);
        final long cutoff = START.plus(KEEP).toEpochMilli();
        final List<GeneratedEvent> kept = data.events().stream().filter(e -> e.deliverAt() < cutoff).toList();
        data.events().stream().filter(e -> e.deliverAt() >= cutoff).forEach(e -> {
            if (!e.label().scenario().equals(LEFT_OUT_SCENARIO)) {
                throw new IllegalStateException("the dataset runs past one hour in " + e.label().scenario());
            }
        });
        final Map<String, String> userByEvent = new HashMap<>();
        kept.forEach(e -> userByEvent.put(e.value().getEventId(), e.value().getUserId()));
        final Set<String> violations = new TreeSet<>();
        for (final PlantedViolation v : data.truth().violations()) {
            if (!userByEvent.containsKey(v.promptEventId())) {
                throw new IllegalStateException("a planted prompt was left out: " + v);
            }
            violations.add(v.matchKey());
        }
        return new FaultDataset(kept, data.policies(), violations,
                expectedActions(data.truth().violations(), userByEvent, thresholds),
                kept.stream().map(e -> e.value().getUserId()).collect(Collectors.toSet()), thresholds);
    }

    private static Set<String> expectedActions(List<PlantedViolation> planted, Map<String, String> userByEvent,
                                               Thresholds thresholds) {
        final EnforcementWindows windows = new EnforcementWindows(Duration.ofDays(1), ZoneId.of("Asia/Shanghai"));
        final Map<String, Set<String>> affected = new TreeMap<>();
        for (final PlantedViolation v : planted) {
            if (v.confidence() == Confidence.CONFIRMED) {
                affected.computeIfAbsent(v.appId() + "/" + windows.windowStart(v.promptTime()), k -> new HashSet<>())
                        .add(userByEvent.get(v.promptEventId()));
            }
        }
        final Set<String> actions = new TreeSet<>();
        affected.forEach((appWindow, users) -> {
            final String[] parts = appWindow.split("/");
            final int n = users.size();
            if (n >= thresholds.warning()) {
                actions.add(actionKey(parts[0], EnforcementKind.WARNING, Long.parseLong(parts[1])));
            }
            if (n >= thresholds.restrict()) {
                actions.add(actionKey(parts[0], EnforcementKind.RESTRICT_PHONE_AUTH, Long.parseLong(parts[1])));
            }
            if (n >= thresholds.suspend()) {
                actions.add(actionKey(parts[0], EnforcementKind.SUSPEND_PHONE_AUTH, Long.parseLong(parts[1])));
            }
        });
        return actions;
    }

    /** How an action is identified here: app, tier and window start (what its actionId is derived from). */
    static String actionKey(String appId, EnforcementKind action, long windowStartMs) {
        return appId + "/" + action + "/" + windowStartMs;
    }
}
