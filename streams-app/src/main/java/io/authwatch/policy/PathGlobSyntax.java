package io.authwatch.policy;

import java.util.Optional;

/**
 * The syntax of the policy's path globs (CONTRACT.md section 3): segments separated by {@code /};
 * {@code *} matches within one segment, {@code **} (a whole segment of its own) across segments.
 * Anything a reader could take for other glob syntax ({@code ?}, {@code [..]}, <code>{..}</code>,
 * {@code !}, {@code \}) is rejected rather than matched literally, as is an empty segment or
 * whitespace: a pattern that silently matches nothing would classify every path UNCLASSIFIED.
 */
public final class PathGlobSyntax {

    private static final String UNSUPPORTED = "?[]{}!\\";

    private PathGlobSyntax() {
    }

    /** What is wrong with {@code pattern}, or empty when it is a valid glob. */
    public static Optional<String> problem(String pattern) {
        if (pattern.isEmpty()) {
            return Optional.of("empty pattern");
        }
        for (char c : pattern.toCharArray()) {
            if (Character.isWhitespace(c)) {
                return Optional.of("contains whitespace");
            }
            if (UNSUPPORTED.indexOf(c) >= 0) {
                return Optional.of("'" + c + "' is not supported (only * within a segment and ** across segments)");
            }
        }
        final String body = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        final String[] segments = body.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Optional.of("has an empty segment ('//' or a trailing '/')");
            }
            if (segment.contains("**") && !segment.equals("**")) {
                return Optional.of("'**' must be a whole segment, as in 'pages/**', not '" + segment + "'");
            }
        }
        return Optional.empty();
    }
}
