package io.authwatch.http;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.violation.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stores of one instance, held in maps: what the query API reads, without Kafka. */
final class InMemoryOpsQueries implements OpsQueries {

    private final Map<String, Map<Long, WindowCounts>> windows = new HashMap<>();
    private final Map<String, EnforcementAction> actions = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();

    InMemoryOpsQueries window(String appId, WindowCounts counts) {
        windows.computeIfAbsent(appId, k -> new HashMap<>()).put(counts.startMs(), counts);
        return this;
    }

    InMemoryOpsQueries action(EnforcementAction action) {
        actions.put(action.getAppId(), action);
        return this;
    }

    InMemoryOpsQueries violation(Violation violation) {
        violations.add(violation);
        return this;
    }

    @Override
    public String appStoreName() {
        return "test-app-store";
    }

    @Override
    public Optional<AppState> app(String appId, long windowStartMs, int recentLimit) {
        if (!windows.containsKey(appId) && !actions.containsKey(appId)
                && violations.stream().noneMatch(v -> v.getAppId().equals(appId))) {
            return Optional.empty();
        }
        final WindowCounts counts = windows.getOrDefault(appId, Map.of()).get(windowStartMs);
        final List<Violation> recent = newestFirst().stream().filter(v -> v.getAppId().equals(appId))
                .limit(recentLimit).toList();
        return Optional.of(new AppState(appId, counts, actions.get(appId), recent));
    }

    @Override
    public List<AppState> apps(long windowStartMs, int limit) {
        return windows.entrySet().stream()
                .filter(e -> e.getValue().containsKey(windowStartMs))
                .map(e -> new AppState(e.getKey(), e.getValue().get(windowStartMs), actions.get(e.getKey()),
                        List.<Violation>of()))
                .sorted(Comparator.comparingLong((AppState s) -> s.window().affectedUsers()).reversed())
                .limit(limit).toList();
    }

    @Override
    public List<Violation> recentViolations(int limit) {
        return newestFirst().stream().limit(limit).toList();
    }

    private List<Violation> newestFirst() {
        return violations.stream().sorted(Comparator.comparing(Violation::getDetectedAt).reversed()).toList();
    }
}
