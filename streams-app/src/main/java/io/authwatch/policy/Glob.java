package io.authwatch.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one grammar of path globs (CONTRACT.md section 3), used by {@code policy apply}, the built-in
 * default and the policies the monitor reads from the policy topic alike: {@code *} matches any run of
 * characters within one segment, {@code **} any run across segments. A whole {@code **} segment also
 * matches zero segments, so {@code **}{@code /login/**} matches {@code login}, {@code pages/login} and
 * {@code pages/login/index}. Every other character is literal. Patterns and paths are compared in
 * {@link PagePaths} normal form (no leading slash, no query), case-sensitively.
 *
 * <p>Rejected with an {@link InvalidPolicyException}: a blank pattern, one longer than
 * {@value #MAX_LENGTH} characters, whitespace or control characters, an empty segment ({@code //} or a
 * trailing {@code /}), runs of three or more {@code *}, whose meaning is unclear, and what a reader
 * could take for other glob syntax ({@code ?}, {@code [..]}, <code>{..}</code>, {@code !}, {@code \}):
 * matched literally, such a pattern would silently match nothing and classify every path UNCLASSIFIED.
 */
public final class Glob {

    /** Longest pattern accepted, the same bound as for paths in telemetry. */
    public static final int MAX_LENGTH = 2048;

    private static final String ANY_SEGMENTS = "**";
    private static final String UNSUPPORTED = "?[]{}!\\";

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** The compiled glob, or an {@link InvalidPolicyException} saying why {@code pattern} is not one. */
    public static Glob compile(String pattern) {
        check(pattern);
        return new Glob(pattern, Pattern.compile(toRegex(PagePaths.normalize(pattern))));
    }

    /** Whether {@code path} (in any form; it is normalized here) matches. */
    public boolean matches(String path) {
        return path != null && regex.matcher(PagePaths.normalize(path)).matches();
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static void check(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw invalid(pattern, "it is empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new InvalidPolicyException("invalid glob '" + pattern.substring(0, 40) + "…': longer than "
                    + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < pattern.length(); i++) {
            final char c = pattern.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw invalid(pattern, "whitespace or control character at position " + i);
            }
            if (UNSUPPORTED.indexOf(c) >= 0) {
                throw invalid(pattern, "'" + c + "' is not supported (only * within a segment and ** across segments)");
            }
        }
        if (pattern.contains("***")) {
            throw invalid(pattern, "'***' is ambiguous; use '*' within a segment or '**' across segments");
        }
        final String body = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        for (final String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(pattern, "it has an empty segment ('//' or a trailing '/')");
            }
        }
    }

    private static InvalidPolicyException invalid(String pattern, String why) {
        return new InvalidPolicyException("invalid glob '" + pattern + "': " + why);
    }

    private static String toRegex(String normalized) {
        final List<String> segments = collapse(normalized.split("/", -1));
        final StringBuilder out = new StringBuilder();
        final int last = segments.size() - 1;
        for (int i = 0; i <= last; i++) {
            final String segment = segments.get(i);
            if (segment.equals(ANY_SEGMENTS)) {
                out.append(anySegments(i == 0, i == last));
            } else {
                if (i > 0 && !segments.get(i - 1).equals(ANY_SEGMENTS)) {
                    out.append('/');
                }
                out.append(segmentRegex(segment));
            }
        }
        return out.toString();
    }

    /** Regex for a whole {@code **} segment, which also owns the slashes around it. */
    private static String anySegments(boolean first, boolean last) {
        if (first && last) {
            return ".*";
        }
        if (first) {
            return "(?:.*/)?";
        }
        if (last) {
            return "(?:/.*)?";
        }
        return "/(?:.*/)?";
    }

    private static String segmentRegex(String segment) {
        final StringBuilder out = new StringBuilder();
        final StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < segment.length()) {
            if (segment.charAt(i) == '*') {
                if (literal.length() > 0) {
                    out.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                final boolean across = i + 1 < segment.length() && segment.charAt(i + 1) == '*';
                out.append(across ? ".*" : "[^/]*");
                i += across ? 2 : 1;
            } else {
                literal.append(segment.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0) {
            out.append(Pattern.quote(literal.toString()));
        }
        return out.toString();
    }

    /** Consecutive {@code **} segments mean the same as one. */
    private static List<String> collapse(String[] segments) {
        final List<String> out = new ArrayList<>(segments.length);
        for (final String segment : segments) {
            if (segment.equals(ANY_SEGMENTS) && !out.isEmpty() && out.get(out.size() - 1).equals(ANY_SEGMENTS)) {
                continue;
            }
            out.add(segment);
        }
        return out;
    }
}
