package io.authwatch.enforcement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The three tiers of CONTRACT.md section 5 as a pure decision: given an app's counts in a window and
 * its actions in earlier windows, which tiers' conditions hold.
 *
 * <ul>
 *   <li>WARNING: affectedUsers ≥ warning.min-users.</li>
 *   <li>RESTRICT_PHONE_AUTH: affectedUsers ≥ restrict.min-users and affectedRate ≥ restrict.min-rate;
 *       or a WARNING in any of the previous warning.lookback-windows windows and affectedUsers ≥
 *       warning.min-users.</li>
 *   <li>SUSPEND_PHONE_AUTH: affectedUsers ≥ suspend.min-users and affectedRate ≥ suspend.min-rate; or a
 *       RESTRICT in any of the previous restrict.lookback-windows windows and the RESTRICT condition
 *       (either of its two clauses) holds in this window.</li>
 * </ul>
 */
final class TierRules {

    /** Why a tier's condition holds. */
    enum Basis { THRESHOLD, ESCALATION }

    /**
     * A tier whose condition holds.
     *
     * @param kind  the tier
     * @param basis its own thresholds, or escalation from {@code prior}
     * @param prior the earlier action that escalates (for ESCALATION), else empty
     */
    record Decision(EnforcementKind kind, Basis basis, Optional<EnforcementAction> prior) {
    }

    /**
     * An app's actions in the windows before the current one, within each tier's look-back.
     *
     * @param warning  the latest WARNING within warning.lookback-windows, if any
     * @param restrict the latest RESTRICT within restrict.lookback-windows, if any
     */
    record History(Optional<EnforcementAction> warning, Optional<EnforcementAction> restrict) {

        static History none() {
            return new History(Optional.empty(), Optional.empty());
        }
    }

    private final EnforcementSettings settings;

    TierRules(EnforcementSettings settings) {
        this.settings = settings;
    }

    /** affected / max(active, affected), 0 when both are 0. */
    static double rate(long activeUsers, long affectedUsers) {
        final long base = Math.max(activeUsers, affectedUsers);
        return base == 0 ? 0.0 : (double) affectedUsers / base;
    }

    /** Whether any tier could hold at this many affected users: each needs at least its min-users. */
    boolean anyReachable(long affectedUsers) {
        return affectedUsers >= Math.min(settings.warning().minUsers(),
                Math.min(settings.restrict().minUsers(), settings.suspend().minUsers()));
    }

    /** The tiers whose conditions hold, lowest first. */
    List<Decision> decide(long activeUsers, long affectedUsers, History history) {
        final double rate = rate(activeUsers, affectedUsers);
        final List<Decision> out = new ArrayList<>(3);
        final boolean warning = affectedUsers >= settings.warning().minUsers();
        if (warning) {
            out.add(new Decision(EnforcementKind.WARNING, Basis.THRESHOLD, Optional.empty()));
        }
        final Optional<Decision> restrict = restrict(affectedUsers, rate, warning, history);
        restrict.ifPresent(out::add);
        suspend(affectedUsers, rate, restrict.isPresent(), history).ifPresent(out::add);
        return out;
    }

    private Optional<Decision> restrict(long affectedUsers, double rate, boolean warning, History history) {
        final EnforcementSettings.Tier tier = settings.restrict();
        if (affectedUsers >= tier.minUsers() && rate >= tier.minRate()) {
            return Optional.of(new Decision(EnforcementKind.RESTRICT_PHONE_AUTH, Basis.THRESHOLD, Optional.empty()));
        }
        if (warning && history.warning().isPresent()) {
            return Optional.of(new Decision(EnforcementKind.RESTRICT_PHONE_AUTH, Basis.ESCALATION, history.warning()));
        }
        return Optional.empty();
    }

    private Optional<Decision> suspend(long affectedUsers, double rate, boolean restrict, History history) {
        final EnforcementSettings.Tier tier = settings.suspend();
        if (affectedUsers >= tier.minUsers() && rate >= tier.minRate()) {
            return Optional.of(new Decision(EnforcementKind.SUSPEND_PHONE_AUTH, Basis.THRESHOLD, Optional.empty()));
        }
        if (restrict && history.restrict().isPresent()) {
            return Optional.of(new Decision(EnforcementKind.SUSPEND_PHONE_AUTH, Basis.ESCALATION, history.restrict()));
        }
        return Optional.empty();
    }
}
