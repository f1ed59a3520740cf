package io.authwatch.enforcement;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.config.ConfigException;
import java.time.Duration;

/**
 * The {@code enforce.*} configuration (CONTRACT.md sections 5 and 7), read and checked once when the
 * topology is built, so that a bad threshold fails at start naming its key.
 *
 * @param windows         tumbling windows of {@code enforce.window} aligned to midnight in {@code enforce.zone}
 * @param grace           {@code enforce.grace}: how long after its end a window still takes events
 * @param warning         the WARNING tier
 * @param restrict        the RESTRICT_PHONE_AUTH tier
 * @param suspend         the SUSPEND_PHONE_AUTH tier
 */
public record EnforcementSettings(EnforcementWindows windows, Duration grace, Tier warning, Tier restrict,
                                  Tier suspend) {

    /**
     * One tier's thresholds.
     *
     * @param minUsers        affectedUsers needed
     * @param minRate         affectedRate needed (0 for WARNING, which has no rate clause)
     * @param expiresAfter    expiresAt = effectiveFrom + this
     * @param lookbackWindows how many previous windows an action of this tier escalates the next tier
     *                        (WARNING → RESTRICT, RESTRICT → SUSPEND); 0 for SUSPEND
     */
    public record Tier(long minUsers, double minRate, Duration expiresAfter, int lookbackWindows) {
    }

    public static EnforcementSettings from(AuthwatchConfig config) {
        final EnforcementWindows windows;
        try {
            windows = new EnforcementWindows(config.duration("enforce.window"), config.zone("enforce.zone"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("enforce.window", config.string("enforce.window"), e.getMessage());
        }
        return new EnforcementSettings(windows, config.duration("enforce.grace"),
                new Tier(minUsers(config, "enforce.warning.min-users"), 0.0,
                        config.duration("enforce.warning.expires-after"),
                        lookback(config, "enforce.warning.lookback-windows")),
                new Tier(minUsers(config, "enforce.restrict.min-users"), rate(config, "enforce.restrict.min-rate"),
                        config.duration("enforce.restrict.expires-after"),
                        lookback(config, "enforce.restrict.lookback-windows")),
                new Tier(minUsers(config, "enforce.suspend.min-users"), rate(config, "enforce.suspend.min-rate"),
                        config.duration("enforce.suspend.expires-after"), 0));
    }

    /** The settings of {@code kind}'s tier. */
    public Tier tier(EnforcementKind kind) {
        return switch (kind) {
            case WARNING -> warning;
            case RESTRICT_PHONE_AUTH -> restrict;
            case SUSPEND_PHONE_AUTH -> suspend;
            default -> throw new IllegalArgumentException("no tier for " + kind);
        };
    }

    /** How many windows back the action history must reach for escalation. */
    public int maxLookbackWindows() {
        return Math.max(warning.lookbackWindows(), restrict.lookbackWindows());
    }

    private static long minUsers(AuthwatchConfig config, String key) {
        final long v = config.longValue(key);
        if (v < 1) {
            throw new ConfigException(key, String.valueOf(v), "must be at least 1");
        }
        return v;
    }

    private static double rate(AuthwatchConfig config, String key) {
        final double v = config.doubleValue(key);
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new ConfigException(key, String.valueOf(v), "must be a rate between 0 and 1");
        }
        return v;
    }

    private static int lookback(AuthwatchConfig config, String key) {
        final int v = config.intValue(key);
        if (v < 0 || v > 366) {
            throw new ConfigException(key, String.valueOf(v), "must be between 0 and 366 windows");
        }
        return v;
    }
}
