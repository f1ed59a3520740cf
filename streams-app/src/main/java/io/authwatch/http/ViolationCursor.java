package io.authwatch.http;

import io.authwatch.violation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The {@code before} / {@code next} cursor of {@code GET /api/violations}: the place of the last
 * violation of a page in the listing's order (detectedAt, then violationId, both descending). It is
 * opaque to callers (URL-safe base64) and the same on every instance, so a page asked of another
 * instance continues where the last one ended.
 *
 * @param detectedAtMs the last violation's detectedAt, epoch millis
 * @param violationId  the last violation's id
 */
record ViolationCursor(long detectedAtMs, String violationId) {

    static ViolationCursor after(Instant detectedAt, String violationId) {
        return new ViolationCursor(detectedAt.toEpochMilli(), violationId);
    }

    /** The cursor a caller sent; a 400 when it is not one this API wrote. */
    static ViolationCursor parse(String raw) {
        try {
            final String text = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            final int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("no colon");
            }
            return new ViolationCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("before must be a cursor this API gave as 'next', got '" + raw + "'");
        }
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((detectedAtMs + ":" + violationId).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code v} comes after this cursor in the listing (older, or as old with a smaller id). */
    boolean precedes(Violation v) {
        final long at = v.getDetectedAt().toEpochMilli();
        return at < detectedAtMs || at == detectedAtMs && v.getViolationId().compareTo(violationId) < 0;
    }
}
