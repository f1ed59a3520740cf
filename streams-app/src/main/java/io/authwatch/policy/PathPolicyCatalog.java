package io.authwatch.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies paths with the current path policies (CONTRACT.md sections 3 and 4): the app's own
 * rules first (first match wins), then the platform default's ({@code "*"}), else UNCLASSIFIED.
 * When no {@code "*"} record exists, the {@link PlatformDefaultPolicy built-in default} (version 0)
 * stands in for it.
 *
 * <p>An update applies to the next path classified (hot reload). Compiled globs are cached per key
 * (an absent policy too, the common case) together with the {@link PolicyGeneration} they were read
 * at; the store is read again only once the generation has moved, and the globs are recompiled only
 * when the stored record differs. The cache is derived data only, never decision state.
 */
public final class PathPolicyCatalog {

    /** The key of the platform default policy on the policy topic. */
    public static final String PLATFORM_DEFAULT = "*";

    private static final Logger LOG = LoggerFactory.getLogger(PathPolicyCatalog.class);

    /**
     * Most keys cached, least recently used out first. Every stream task holds a catalog and meets
     * every app, and an app's compiled globs take a few KiB, so the bound keeps a platform of many
     * apps from filling the heap; an evicted app costs one store read and a recompile when it is next met.
     */
    static final int MAX_CACHED = 1_024;

    private final Function<String, AppPathPolicy> lookup;
    private final LongSupplier generation;
    private final CompiledPolicy builtIn;
    private final Map<String, Cached> compiled = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /** A key's policy as read at a generation; {@code policy} null when the key had none. */
    private record Cached(long generation, CompiledPolicy policy) {
    }

    /**
     * A catalog that reads the store on every lookup. {@code lookup} gives the stored policy of an
     * appId (or of {@code "*"}), or {@code null}.
     */
    public PathPolicyCatalog(Function<String, AppPathPolicy> lookup) {
        this(lookup, new LongSupplier() {
            private long calls;

            @Override
            public long getAsLong() {
                return calls++;
            }
        });
    }

    /** A catalog that reads the store again only when {@code generation} has moved since it last did. */
    public PathPolicyCatalog(Function<String, AppPathPolicy> lookup, PolicyGeneration generation) {
        this(lookup, generation::current);
    }

    private PathPolicyCatalog(Function<String, AppPathPolicy> lookup, LongSupplier generation) {
        this.lookup = lookup;
        this.generation = generation;
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
        // read before the store: a change made meanwhile leaves this entry stale, to be read again
        final long now = generation.getAsLong();
        final Cached cached = compiled.get(key);
        if (cached != null && cached.generation() == now) {
            return cached.policy();
        }
        final AppPathPolicy policy = lookup.apply(key);
        final CompiledPolicy fresh;
        if (policy == null) {
            fresh = null;
        } else if (cached != null && cached.policy() != null && cached.policy().source().equals(policy)) {
            fresh = cached.policy();
        } else {
            fresh = CompiledPolicy.lenient(policy, problem -> LOG.warn("ignoring an invalid path rule: {}", problem));
        }
        compiled.put(key, new Cached(now, fresh));
        return fresh;
    }
}
