package io.authwatch.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies paths with the current path policies (CONTRACT.md sections 3 and 4): the app's own
 * rules first (first match wins), then the platform default's ({@code "*"}), else UNCLASSIFIED.
 * When no {@code "*"} record exists, the {@link PlatformDefaultPolicy built-in default} (version 0)
 * stands in for it.
 *
 * <p>Policies are looked up on every call, so an update applies to the next path classified (hot
 * reload). Compiled globs are cached per app and recompiled when the stored record changes; the
 * cache is derived data only, never decision state.
 */
public final class PathPolicyCatalog {

    /** The key of the platform default policy on the policy topic. */
    public static final String PLATFORM_DEFAULT = "*";

    private static final Logger LOG = LoggerFactory.getLogger(PathPolicyCatalog.class);

    private final Function<String, AppPathPolicy> lookup;
    private final CompiledPolicy builtIn;
    private final Map<String, CompiledPolicy> compiled = new HashMap<>();

    /** {@code lookup} gives the stored policy of an appId (or of {@code "*"}), or {@code null}. */
    public PathPolicyCatalog(Function<String, AppPathPolicy> lookup) {
        this.lookup = lookup;
        this.builtIn = CompiledPolicy.strict(PlatformDefaultPolicy.builtIn());
    }

    /** The category of {@code path} for {@code appId} and the version of the policy that decided it. */
    public Classification classify(String appId, String path) {
        final CompiledPolicy app = current(appId);
        if (app != null) {
            final PathCategory category = app.match(path);
            if (category != null) {
                return new Classification(category, app.version());
            }
        }
        final CompiledPolicy stored = current(PLATFORM_DEFAULT);
        final CompiledPolicy platform = stored != null ? stored : builtIn;
        final PathCategory category = platform.match(path);
        if (category != null) {
            return new Classification(category, platform.version());
        }
        return new Classification(PathCategory.UNCLASSIFIED, app != null ? app.version() : platform.version());
    }

    private CompiledPolicy current(String key) {
        final AppPathPolicy policy = lookup.apply(key);
        if (policy == null) {
            compiled.remove(key);
            return null;
        }
        final CompiledPolicy cached = compiled.get(key);
        if (cached != null && cached.source().equals(policy)) {
            return cached;
        }
        final CompiledPolicy fresh = CompiledPolicy.lenient(policy,
                problem -> LOG.warn("ignoring an invalid path rule: {}", problem));
        compiled.put(key, fresh);
        return fresh;
    }
}
