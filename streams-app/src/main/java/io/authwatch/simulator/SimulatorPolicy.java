package io.authwatch.simulator;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathRule;
import java.util.List;

/**
 * The path policy (CONTRACT.md section 3) that classifies every page the simulator generates. A run
 * publishes it per app ({@link #forApp}), so it neither needs nor overrides the platform default;
 * the explicit UNCLASSIFIED rule keeps campaign pages unclassified even under a catch-all default.
 */
public final class SimulatorPolicy {

    /** Version stamped on the published policies. */
    public static final long VERSION = 1;

    private SimulatorPolicy() {
    }

    /** The policy of one simulated app, keyed by its appId on the policy topic. */
    public static AppPathPolicy forApp(String appId) {
        return AppPathPolicy.newBuilder().setAppId(appId).setVersion(VERSION).setRules(rules()).build();
    }

    /** The same catalog as a platform default (appId {@code "*"}), for a dedicated cluster. */
    public static AppPathPolicy platformDefault() {
        return forApp("*");
    }

    private static List<PathRule> rules() {
        return SimPaths.AREAS.stream()
                .map(a -> PathRule.newBuilder().setPattern(a.pattern()).setCategory(a.category())
                        .setNote(a.note()).build())
                .toList();
    }
}
