package io.authwatch.enforcement;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code reason} sentence of an action, written for the developer of the sanctioned app: what the
 * app did, how many users it hit in which window, what follows and until when. Deterministic: built
 * only from the action's own fields, so reprocessing gives the same text.
 */
final class ActionReasons {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** How each rule reads in a sentence, counted: "3 prompts on the first screen". */
    private static final Map<String, String[]> RULE_PHRASES = Map.of(
            "FIRST_SCREEN_PROMPT", new String[] {"prompt", "prompts", "on the first screen"},
            "CONTENT_GATED_ENTRY", new String[] {"entry page", "entry pages", "hidden until the number was given"},
            "NON_ESSENTIAL_SECTION_PROMPT", new String[] {"prompt", "prompts", "blocking browsing"},
            "NON_ESSENTIAL_SCENE_PROMPT", new String[] {"prompt", "prompts", "blocking in-store ordering"},
            "REPROMPT_AFTER_DENIAL", new String[] {"prompt", "prompts", "repeated after a refusal"});

    private final ZoneId zone;

    ActionReasons(ZoneId zone) {
        this.zone = zone;
    }

    String reason(EnforcementAction action, TierRules.Decision decision) {
        final String what = String.format(Locale.ROOT, "%d of %d active users of mini-program %s were pushed to give "
                        + "their phone number %s (%s)", action.getAffectedUsers(),
                Math.max(action.getActiveUsers(), action.getAffectedUsers()), action.getAppId(),
                window(action.getWindowStart(), action.getWindowEnd()), breakdown(action.getViolationsByRule()));
        final String until = minute(action.getExpiresAt());
        final String prior = decision.prior().map(p -> window(p.getWindowStart(), p.getWindowEnd())).orElse("");
        return switch (action.getAction()) {
            case WARNING -> "Warning: " + what + "; stop asking for the phone number where it is not needed by "
                    + until + " (" + zone + "), or phone-number authorization will be restricted.";
            case RESTRICT_PHONE_AUTH -> "Phone-number authorization is restricted until " + until + " (" + zone
                    + "): " + what + (decision.basis() == TierRules.Basis.ESCALATION
                    ? ", although the app was warned " + prior + "." : ".");
            case SUSPEND_PHONE_AUTH -> "Phone-number authorization is suspended until " + until + " (" + zone
                    + "): " + what + (decision.basis() == TierRules.Basis.ESCALATION
                    ? ", although it was already restricted " + prior + "." : ".");
            default -> what + ".";
        };
    }

    /** "on 2024-05-01" for a one-day window, else "between … and …", in the enforcement zone. */
    private String window(Instant start, Instant end) {
        final ZonedDateTime local = start.atZone(zone);
        final boolean oneDay = local.toLocalTime().equals(LocalTime.MIDNIGHT)
                && local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant().equals(end);
        if (oneDay) {
            return "on " + DAY.format(local);
        }
        return "between " + minute(start) + " and " + minute(end);
    }

    private String minute(Instant instant) {
        return MINUTE.format(instant.atZone(zone));
    }

    /** "3 prompts on the first screen, 1 prompt repeated after a refusal". */
    static String breakdown(Map<String, Long> byRule) {
        final List<String> parts = new ArrayList<>();
        new TreeMap<>(byRule).forEach((rule, count) -> {
            final String[] phrase = RULE_PHRASES.getOrDefault(rule,
                    new String[] {"violation", "violations", "of another kind"});
            parts.add(count + " " + (count == 1 ? phrase[0] : phrase[1]) + " " + phrase[2]);
        });
        return String.join(", ", parts);
    }
}
