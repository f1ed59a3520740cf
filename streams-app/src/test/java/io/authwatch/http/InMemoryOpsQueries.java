package io.authwatch.http;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementQueries;
import io.authwatch.violation.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The stores of one instance, held in maps: what the query API reads, without Kafka. */
final class InMemoryOpsQueries implements OpsQueries {

    private static final Comparator<EnforcementAction> LATEST = Comparator
            .comparing(EnforcementAction::getWindowStart).thenComparing(a -> a.getAction().ordinal());

    private final Map<String, Map<Long, WindowCounts>> windows = new HashMap<>();
    private final List<EnforcementAction> actions = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();

    InMemoryOpsQueries window(String appId, WindowCounts counts) {
        windows.computeIfAbsent(appId, k -> new HashMap<>()).put(counts.startMs(), counts);
        return this;
    }

    InMemoryOpsQueries action(EnforcementAction action) {
        actions.add(action);
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
        if (!windows.containsKey(appId) && latest(appId) == null
                && violations.stream().noneMatch(v -> v.getAppId().equals(appId))) {
            return Optional.empty();
        }
        final WindowCounts counts = windows.getOrDefault(appId, Map.of()).get(windowStartMs);
        final List<Violation> recent = newestFirst().stream().filter(v -> v.getAppId().equals(appId))
                .limit(recentLimit).toList();
        return Optional.of(new AppState(appId, counts, latest(appId), recent));
    }

    @Override
    public List<AppState> apps(long windowStartMs, int limit) {
        return windows.entrySet().stream()
                .filter(e -> e.getValue().containsKey(windowStartMs))
                .map(e -> new AppState(e.getKey(), e.getValue().get(windowStartMs), latest(e.getKey()),
                        List.<Violation>of()))
                .sorted(Comparator.comparingLong((AppState s) -> s.window().affectedUsers()).reversed())
                .limit(limit).toList();
    }

    @Override
    public List<Violation> recentViolations(int limit) {
        return newestFirst().stream().limit(limit).toList();
    }

    @Override
    public List<Violation> violations(String appId, Predicate<Violation> keep, int limit) {
        return newestFirst().stream().filter(v -> appId == null || v.getAppId().equals(appId)).filter(keep)
                .limit(limit).toList();
    }

    @Override
    public List<EnforcementAction> actions(String appId, Predicate<EnforcementAction> keep, int limit) {
        return actions.stream().filter(a -> appId == null || a.getAppId().equals(appId)).filter(keep)
                .sorted(EnforcementQueries.ACTIONS_NEWEST_FIRST).limit(limit).toList();
    }

    @Override
    public List<HistoryEntry> history(String appId, List<Long> windowStarts) {
        final Map<Long, WindowCounts> byStart = windows.getOrDefault(appId, Map.of());
        return windowStarts.stream().filter(byStart::containsKey)
                .map(start -> new HistoryEntry(byStart.get(start), actions.stream()
                        .filter(a -> a.getAppId().equals(appId) && a.getWindowStart().toEpochMilli() == start)
                        .sorted(Comparator.comparing(a -> a.getAction().ordinal())).toList()))
                .toList();
    }

    private EnforcementAction latest(String appId) {
        return actions.stream().filter(a -> a.getAppId().equals(appId)).max(LATEST).orElse(null);
    }

    private List<Violation> newestFirst() {
        return violations.stream().sorted(EnforcementQueries.NEWEST_FIRST).toList();
    }
}
