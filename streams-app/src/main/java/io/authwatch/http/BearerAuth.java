package io.authwatch.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The optional bearer token of {@code /api/*} ({@code http.auth.token}). The token is compared in
 * constant time and never logged nor echoed.
 */
final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    /** {@code token} null or blank: no authentication. */
    BearerAuth(String token) {
        this.expected = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    boolean enabled() {
        return expected != null;
    }

    /** Whether an {@code Authorization} header value grants access. */
    boolean permits(String authorization) {
        if (expected == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        final byte[] given = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
