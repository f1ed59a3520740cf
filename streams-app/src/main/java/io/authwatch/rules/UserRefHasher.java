package io.authwatch.rules;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The privacy-preserving user reference of CONTRACT.md section 3: HMAC-SHA256 of
 * {@code appId + ":" + userId} keyed with {@code user-ref.secret}, lower-case hex, first 32 characters.
 * With no secret configured, {@link #DEVELOPMENT_SECRET} is used (the service warns about it at start);
 * userRefs then are not secret and must not leave a development setup. Not thread-safe: one per
 * processor instance.
 */
public final class UserRefHasher {

    /** The stand-in secret when {@code user-ref.secret} is empty; for development only. */
    public static final String DEVELOPMENT_SECRET = "authwatch-development-user-ref-secret";

    private final Mac mac;

    public UserRefHasher(String secret) {
        final String key = usesDevelopmentSecret(secret) ? DEVELOPMENT_SECRET : secret;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code configuredSecret} (the value of {@code user-ref.secret}) falls back to the development secret. */
    public static boolean usesDevelopmentSecret(String configuredSecret) {
        return configuredSecret == null || configuredSecret.isEmpty();
    }

    public String userRef(String appId, String userId) {
        final byte[] digest = mac.doFinal((appId + ":" + userId).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 32);
    }
}
