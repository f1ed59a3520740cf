package io.authwatch.rules;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementWindows;
import java.time.Duration;

/**
 * The detection rules' timing settings (CONTRACT.md section 4), in milliseconds.
 *
 * @param orderingGraceMs   how long (wall clock) a seq gap is waited for ({@code ordering.grace})
 * @param dedupWindowMs     how long (wall clock) an eventId is remembered ({@code dedup.window})
 * @param forcedWindowMs    event time after a refusal that shows whether the user was kept out
 *                          ({@code rule.forced-window})
 * @param sessionQuietMs    wall-clock silence after which a session's forced-window decisions are
 *                          made with the events seen so far ({@code rule.session-quiet})
 * @param idleSweepMs       how often quiet sessions are looked for ({@code rule.idle-sweep})
 * @param repromptCooldownMs event time during which a refusal makes re-prompts violations
 *                          ({@code rule.reprompt.cooldown})
 * @param windows           the enforcement windows, for sending one AppActivity per user and window
 */
public record DetectionSettings(long orderingGraceMs, long dedupWindowMs, long forcedWindowMs, long sessionQuietMs,
                                long idleSweepMs, long repromptCooldownMs, EnforcementWindows windows) {

    public DetectionSettings {
        if (idleSweepMs <= 0) {
            throw new IllegalArgumentException("rule.idle-sweep must be positive");
        }
    }

    public static DetectionSettings from(AuthwatchConfig config) {
        return new DetectionSettings(
                ms(config.duration("ordering.grace")),
                ms(config.duration("dedup.window")),
                ms(config.duration("rule.forced-window")),
                ms(config.duration("rule.session-quiet")),
                ms(config.duration("rule.idle-sweep")),
                ms(config.duration("rule.reprompt.cooldown")),
                new EnforcementWindows(config.duration("enforce.window"), config.zone("enforce.zone")));
    }

    /**
     * How long (wall clock) a session's ordering and context state is kept after its latest event:
     * the dedup window (at least the quiet time). Events of a session that arrive after it was
     * forgotten start a fresh context.
     */
    public long sessionRetentionMs() {
        return Math.max(dedupWindowMs, sessionQuietMs);
    }

    private static long ms(Duration d) {
        return d.toMillis();
    }
}
