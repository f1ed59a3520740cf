package io.authwatch.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An {@link AppPathPolicy} with its globs compiled, matched in rule order (first match wins). */
public final class CompiledPolicy {

    private record Rule(Glob glob, PathCategory category) {
    }

    private final AppPathPolicy source;
    private final List<Rule> rules;

    private CompiledPolicy(AppPathPolicy source, List<Rule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    /** Compiles every rule; the first invalid glob fails with a message naming the rule. */
    public static CompiledPolicy strict(AppPathPolicy policy) {
        return compile(policy, problem -> {
            throw new InvalidPolicyException(problem);
        });
    }

    /**
     * Compiles the valid rules and reports each invalid one to {@code onInvalid}, which then never
     * matches: a running monitor keeps the rest of an ops-published policy rather than failing.
     */
    public static CompiledPolicy lenient(AppPathPolicy policy, Consumer<String> onInvalid) {
        return compile(policy, onInvalid);
    }

    private static CompiledPolicy compile(AppPathPolicy policy, Consumer<String> onInvalid) {
        final List<Rule> rules = new ArrayList<>();
        final List<PathRule> source = policy.getRules();
        for (int i = 0; i < source.size(); i++) {
            final PathRule rule = source.get(i);
            try {
                rules.add(new Rule(Glob.compile(rule.getPattern()), rule.getCategory()));
            } catch (InvalidPolicyException e) {
                onInvalid.accept("policy of app '" + policy.getAppId() + "' version " + policy.getVersion()
                        + ", rule " + i + ": " + e.getMessage());
            }
        }
        return new CompiledPolicy(policy, rules);
    }

    /** The category of the first rule matching {@code path}, or {@code null} when none does. */
    public PathCategory match(String path) {
        for (final Rule rule : rules) {
            if (rule.glob().matches(path)) {
                return rule.category();
            }
        }
        return null;
    }

    public long version() {
        return source.getVersion();
    }

    public AppPathPolicy source() {
        return source;
    }
}
