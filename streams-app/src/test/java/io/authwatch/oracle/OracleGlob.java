package io.authwatch.oracle;

import java.util.regex.Pattern;

/**
 * The oracle's own glob matcher, written from CONTRACT.md §3 alone: "glob over paths: {@code *}
 * within one segment, {@code **} across segments". A pattern matches a whole path; every other
 * character stands for itself.
 *
 * <p>The contract does not say whether {@code a/**} matches {@code a} itself or whether
 * {@code a/**}{@code /b} matches {@code a/b}; the generated paths avoid both cases, so this reading
 * ({@code **} is any run of characters, slashes included) decides nothing that the contract leaves open.
 */
final class OracleGlob {

    private final Pattern regex;

    private OracleGlob(Pattern regex) {
        this.regex = regex;
    }

    static OracleGlob of(String glob) {
        final StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**", i)) {
                re.append(".*"); // "** across segments"
                i += 2;
            } else if (glob.charAt(i) == '*') {
                re.append("[^/]*"); // "* within one segment"
                i += 1;
            } else {
                re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                i += 1;
            }
        }
        return new OracleGlob(Pattern.compile(re.toString()));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }
}
