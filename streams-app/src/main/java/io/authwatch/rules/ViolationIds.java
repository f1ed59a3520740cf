package io.authwatch.rules;

import io.authwatch.violation.RuleId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids and fingerprints: the same input always gives the same value. */
public final class ViolationIds {

    private ViolationIds() {
    }

    /** violationId: the first 32 hex characters of SHA-256 of {@code "RULE|appId|promptEventId"}. */
    public static String violationId(RuleId rule, String appId, String promptEventId) {
        final byte[] digest = sha256(rule.name() + "|" + appId + "|" + promptEventId);
        return HexFormat.of().formatHex(digest).substring(0, 32);
    }

    /** A 64-bit fingerprint of an eventId (first 8 bytes of its SHA-256), for deduplication. */
    static long fingerprint(String eventId) {
        final byte[] digest = sha256(eventId);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
