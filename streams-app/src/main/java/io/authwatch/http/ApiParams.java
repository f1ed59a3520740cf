package io.authwatch.http;

import java.util.Map;
import java.util.regex.Pattern;

/** Validation of the query API's inputs; a bad one is a 400 naming what is wrong. */
final class ApiParams {

    static final int MIN_LIMIT = 1;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 20;

    /**
     * What an AppID looks like: letters, digits, dot, dash, underscore, up to 128 characters. No
     * colon (keys are appId:userId), no slash, no space.
     */
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ApiParams() {
    }

    static String appId(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("appId is missing");
        }
        if (!APP_ID.matcher(raw).matches()) {
            throw ApiException.badRequest("appId must be 1 to 128 letters, digits, '.', '-' or '_', "
                    + "starting with a letter or digit");
        }
        return raw;
    }

    static int limit(Map<String, String> query) {
        final String raw = query.get("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        final int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number from " + MIN_LIMIT + " to " + MAX_LIMIT);
        }
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be from " + MIN_LIMIT + " to " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }
}
