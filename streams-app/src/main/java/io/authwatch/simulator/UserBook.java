package io.authwatch.simulator;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Who visits: each app has {@code users / apps} users, met in a sweep (new users) or again from a
 * short list of recent visitors (returning users). It remembers what keeps the ground truth exact:
 * a user is never in two visits at once, and a user whose last answer was a refusal only gets
 * visits without app prompts afterwards — otherwise any later prompt would be an unplanned case 4.
 * Memory: one bit per user plus the users busy right now.
 */
final class UserBook {

    private static final int RECENT = 64;
    private static final int ATTEMPTS = 4;

    private final long seed;
    private final int usersPerApp;
    private final double returningShare;
    private final int[] sweep;
    private final int[][] recent;
    private final int[] recentCount;
    private final int[] recentNext;
    private final BitSet refused;
    private final Map<Long, Long> busyUntil = new HashMap<>();
    private int pruneAt = 1_024;

    UserBook(GeneratorSettings settings) {
        this.seed = settings.seed();
        this.usersPerApp = (int) (settings.users() / settings.apps());
        this.returningShare = settings.returningUserShare();
        this.sweep = new int[settings.apps()];
        this.recent = new int[settings.apps()][RECENT];
        this.recentCount = new int[settings.apps()];
        this.recentNext = new int[settings.apps()];
        this.refused = new BitSet();
    }

    /** The pseudonymous id of user {@code local} of {@code app}. */
    String userId(SimApp app, int local) {
        return "u" + Dice.hex(Dice.mix(seed * 0x9e3779b97f4a7c15L + global(app, local)), 16);
    }

    /**
     * A user of {@code app} free at {@code now} (and without a standing refusal when the visit will
     * have app prompts), or -1 when none was found in a few attempts.
     */
    int pick(SimApp app, long now, boolean needsNoRefusal, Dice dice) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            final int local;
            final int count = recentCount[app.index()];
            if (attempt < ATTEMPTS - 1 && count > 0 && dice.chance(returningShare)) {
                local = recent[app.index()][dice.between(0, count - 1)];
            } else {
                local = sweep[app.index()];
                sweep[app.index()] = (local + 1) % usersPerApp;
            }
            final long g = global(app, local);
            final Long busy = busyUntil.get(g);
            if ((busy == null || busy < now) && !(needsNoRefusal && refused.get((int) g))) {
                return local;
            }
        }
        return -1;
    }

    /** After a visit: busy until {@code until}; whether the user's last answer was a refusal. */
    void visited(SimApp app, int local, long now, long until, boolean endsWithRefusal) {
        final long g = global(app, local);
        busyUntil.put(g, until);
        refused.set((int) g, endsWithRefusal);
        final int a = app.index();
        recent[a][recentNext[a]] = local;
        recentNext[a] = (recentNext[a] + 1) % RECENT;
        recentCount[a] = Math.min(recentCount[a] + 1, RECENT);
        if (busyUntil.size() > pruneAt) {
            busyUntil.values().removeIf(t -> t < now);
            pruneAt = Math.max(1_024, busyUntil.size() * 2);
        }
    }

    private long global(SimApp app, int local) {
        return (long) app.index() * usersPerApp + local;
    }
}
