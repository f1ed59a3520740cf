package io.authwatch.rules;

import io.authwatch.policy.PagePaths;
import io.authwatch.policy.PathCategory;
import java.util.Locale;

/**
 * The one-sentence {@code reason} of each rule: what the app did, where, on what trigger, and the
 * outcome. Paths appear without their query strings ({@link PagePaths#forOutput}).
 */
final class Reasons {

    private Reasons() {
    }

    static String contentGated(String path, String trigger, String target) {
        return "The app asked for the phone number on " + p(path) + " " + triggerPhrase(trigger, target)
                + " while the page showed no content, before the user's first interaction.";
    }

    static String firstScreen(String path, String trigger, String target, boolean blocking) {
        return "The app asked for the phone number with a " + (blocking ? "blocking " : "") + "prompt on " + p(path)
                + " " + triggerPhrase(trigger, target) + ", before the user's first interaction.";
    }

    static String blocked(String decisive, PathCategory category, String path, String trigger, String target,
                          String scene) {
        return "The app blocked " + p(decisive) + " (" + category + ") behind a blocking phone-number prompt on "
                + p(path) + " " + triggerPhrase(trigger, target) + scenePhrase(scene) + ".";
    }

    static String keptOut(String decisive, PathCategory category, String outcome, String path, String trigger,
                          String target, String scene) {
        return "The app kept the user out of " + p(decisive) + " (" + category + ") after they " + verb(outcome)
                + " the phone-number prompt on " + p(path) + " " + triggerPhrase(trigger, target) + scenePhrase(scene)
                + ".";
    }

    static String reprompt(String path, String trigger, String target, long sinceRefusalMs, String outcome,
                           boolean sameSession, int count) {
        return "The app asked for the phone number again on " + p(path) + " " + triggerPhrase(trigger, target) + ", "
                + duration(sinceRefusalMs) + " after the user " + verb(outcome) + " a prompt "
                + (sameSession ? "earlier in this session" : "in an earlier session") + " (re-prompt " + count
                + " since the last grant).";
    }

    private static String triggerPhrase(String trigger, String target) {
        return switch (trigger) {
            case "PAGE_LOAD" -> "as the page loaded";
            case "NAVIGATION" -> target != null ? "when the user tried to open " + p(target)
                    : "when the user navigated";
            case "ACTION" -> target != null ? "when the user tapped an option leading to " + p(target)
                    : "when the user tapped an option";
            default -> "with no known trigger";
        };
    }

    private static String p(String path) {
        return PagePaths.forOutput(path);
    }

    private static String scenePhrase(String scene) {
        return scene == null ? "" : " in an in-store " + scene + " scene";
    }

    private static String verb(String outcome) {
        return outcome == null ? "refused" : outcome.toLowerCase(Locale.ROOT);
    }

    private static String duration(long ms) {
        final long seconds = Math.max(0, ms) / 1000;
        if (seconds < 120) {
            return seconds + " s";
        }
        final long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        return (minutes / 60) + " h " + (minutes % 60) + " min";
    }
}
