package io.authwatch.oracle;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathCategory;
import io.authwatch.policy.PathRule;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The oracle's own policy lookup, written from CONTRACT.md §3 ("Matching") and §4 ("policyVersion"):
 * the latest policy record per key, the app's rules first, then the platform default {@code "*"}.
 */
final class OraclePolicies {

    static final String PLATFORM_DEFAULT = "*";

    /** A path's category and the policy version that decided it. */
    record Classification(PathCategory category, long policyVersion) {
    }

    private final Map<String, AppPathPolicy> byKey = new HashMap<>();

    /** The policies as the compacted topic holds them: the last record per key wins. */
    OraclePolicies(Collection<AppPathPolicy> records) {
        records.forEach(p -> byKey.put(p.getAppId(), p));
    }

    Classification classify(String appId, String path) {
        final AppPathPolicy own = byKey.get(appId);
        final AppPathPolicy platform = byKey.get(PLATFORM_DEFAULT);
        // "the app's own rules first (first match wins), then the platform default's rules"
        for (final AppPathPolicy policy : new AppPathPolicy[] {own, platform}) {
            if (policy == null) {
                continue;
            }
            for (final PathRule rule : policy.getRules()) {
                if (OracleGlob.of(rule.getPattern()).matches(path)) {
                    // "policyVersion is the version of the policy record whose rule matched"
                    return new Classification(rule.getCategory(), policy.getVersion());
                }
            }
        }
        // "else UNCLASSIFIED"; "when none matched, the app's policy version, else the platform
        // default's, else 0"
        final long version = own != null ? own.getVersion() : platform != null ? platform.getVersion() : 0L;
        return new Classification(PathCategory.UNCLASSIFIED, version);
    }

    /** "Phone-essential categories: ACCOUNT, DELIVERY, REGULATED_IDENTITY. All others are not." */
    static boolean phoneEssential(PathCategory category) {
        return category == PathCategory.ACCOUNT || category == PathCategory.DELIVERY
                || category == PathCategory.REGULATED_IDENTITY;
    }
}
