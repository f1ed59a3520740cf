package io.authwatch.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What publishing a candidate policy would change against the policy in force for its appId
 * (CONTRACT.md section 6, {@code policy diff}): rules added, removed and re-categorised, in rule
 * order, matched by pattern. Because the first matching rule wins, a rule that keeps its pattern and
 * category but moves relative to the others is listed too.
 *
 * @param appId      the policy's appId
 * @param current    the version in force, if any
 * @param candidate  the candidate's version
 * @param changes    every change, in the candidate's rule order, then the removed rules in their old order
 */
public record PolicyDiff(String appId, Optional<Long> current, long candidate, List<Change> changes) {

    /** What happened to one rule. */
    public enum Kind { ADDED, REMOVED, RECATEGORISED, MOVED }

    /**
     * One changed rule.
     *
     * @param oldIndex its index in the policy in force, or -1 when added
     * @param newIndex its index in the candidate, or -1 when removed
     * @param before   its category in force, or null when added
     * @param after    its category in the candidate, or null when removed
     */
    public record Change(Kind kind, String pattern, int oldIndex, int newIndex, PathCategory before,
                         PathCategory after) {

        /** One line for people: {@code + rules[2] pages/cart/** ORDER_IN_STORE}. */
        public String describe() {
            return switch (kind) {
                case ADDED -> "+ rules[" + newIndex + "] " + pattern + " " + after;
                case REMOVED -> "- " + pattern + " " + before + " (was rules[" + oldIndex + "])";
                case RECATEGORISED -> "~ rules[" + newIndex + "] " + pattern + " " + before + " -> " + after
                        + (oldIndex == newIndex ? "" : " (was rules[" + oldIndex + "])");
                case MOVED -> "> rules[" + newIndex + "] " + pattern + " " + after + " (was rules[" + oldIndex
                        + "]: it is now tried in another order)";
            };
        }
    }

    /** The changes from {@code current} (empty when no policy is in force) to {@code candidate}. */
    public static PolicyDiff between(Optional<AppPathPolicy> current, AppPathPolicy candidate) {
        final Map<String, Integer> oldIndex = new LinkedHashMap<>();
        final List<PathRule> oldRules = current.map(AppPathPolicy::getRules).orElse(List.of());
        for (int i = 0; i < oldRules.size(); i++) {
            oldIndex.putIfAbsent(oldRules.get(i).getPattern(), i);
        }
        final List<String> keptInOldOrder = new ArrayList<>();
        final List<Change> changes = new ArrayList<>();
        final List<PathRule> newRules = candidate.getRules();
        final Map<String, Integer> newIndex = new LinkedHashMap<>();
        for (int i = 0; i < newRules.size(); i++) {
            newIndex.putIfAbsent(newRules.get(i).getPattern(), i);
        }
        oldIndex.keySet().stream().filter(newIndex::containsKey).forEach(keptInOldOrder::add);
        final List<String> keptInNewOrder = newIndex.keySet().stream().filter(oldIndex::containsKey).toList();
        for (int i = 0; i < newRules.size(); i++) {
            final PathRule rule = newRules.get(i);
            final Integer was = oldIndex.get(rule.getPattern());
            if (was == null) {
                changes.add(new Change(Kind.ADDED, rule.getPattern(), -1, i, null, rule.getCategory()));
                continue;
            }
            final PathCategory before = oldRules.get(was).getCategory();
            if (before != rule.getCategory()) {
                changes.add(new Change(Kind.RECATEGORISED, rule.getPattern(), was, i, before, rule.getCategory()));
            } else if (keptInOldOrder.indexOf(rule.getPattern()) != keptInNewOrder.indexOf(rule.getPattern())) {
                changes.add(new Change(Kind.MOVED, rule.getPattern(), was, i, before, rule.getCategory()));
            }
        }
        for (int i = 0; i < oldRules.size(); i++) {
            final PathRule rule = oldRules.get(i);
            if (!newIndex.containsKey(rule.getPattern())) {
                changes.add(new Change(Kind.REMOVED, rule.getPattern(), i, -1, rule.getCategory(), null));
            }
        }
        return new PolicyDiff(candidate.getAppId(), current.map(AppPathPolicy::getVersion), candidate.getVersion(),
                List.copyOf(changes));
    }

    /** How many changes of {@code kind}. */
    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
