package io.authwatch.policy;

import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line an operator looks for after {@code policy apply}: which version of which app's
 * policy the monitor now uses, and how many rules it has. It names the appId, the version and the
 * rule count only (no user data, no patterns), once per version: a record re-read with the version the
 * store already holds (a restart rebuilding the store) logs nothing at INFO.
 */
public final class PolicyTakesEffect {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyTakesEffect.class);

    private PolicyTakesEffect() {
    }

    /** Logs that {@code now} replaces {@code before} (null when the app had no policy). */
    public static void log(ValueAndTimestamp<AppPathPolicy> before, AppPathPolicy now) {
        final AppPathPolicy previous = before == null ? null : before.value();
        if (previous != null && previous.getVersion() == now.getVersion() && previous.equals(now)) {
            LOG.debug("Policy of app '{}' version {} read again, unchanged", now.getAppId(), now.getVersion());
            return;
        }
        LOG.info("Policy in force: app '{}' version {} ({} rules){}", now.getAppId(), now.getVersion(),
                now.getRules().size(), previous == null ? "" : ", replacing version " + previous.getVersion());
    }

    /** Logs that the policy of {@code appId} was removed (a tombstone). */
    public static void removed(String appId) {
        LOG.info("Policy removed: app '{}'", appId);
    }
}
