package io.authwatch.http;

import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Validation of the query API's inputs; a bad one is a 400 naming what is wrong. */
final class ApiParams {

    static final int MIN_LIMIT = 1;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_DAYS = 31;
    static final int DEFAULT_DAYS = 7;
    /** What instances add when they ask each other for their own part of a listing. */
    static final String SCOPE = "scope";

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

    /**
     * Refuses a query parameter the endpoint does not take: a typo must not silently widen an answer.
     * {@value #SCOPE} is allowed everywhere (instances use it between themselves), with the value
     * {@code local} only.
     */
    static void allowOnly(Map<String, String> query, String endpoint, String... names) {
        final Set<String> allowed = new TreeSet<>(Arrays.asList(names));
        for (final String name : new TreeSet<>(query.keySet())) {
            if (name.equals(SCOPE)) {
                if (!"local".equals(query.get(SCOPE))) {
                    throw ApiException.badRequest("scope must be 'local', got '" + query.get(SCOPE) + "'");
                }
            } else if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "' for " + endpoint
                        + (allowed.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", allowed) + ")"));
            }
        }
    }

    /** The optional {@code appId} parameter, checked like a path's appId; null when absent. */
    static String optionalAppId(Map<String, String> query) {
        final String raw = query.get("appId");
        if (raw == null) {
            return null;
        }
        try {
            return appId(raw);
        } catch (ApiException e) {
            throw ApiException.badRequest("appId '" + raw + "': " + e.getMessage());
        }
    }

    /** The optional {@code rule} parameter: a RuleId name; null when absent. */
    static RuleId rule(Map<String, String> query) {
        return enumValue(query, "rule", RuleId.class);
    }

    /** The optional {@code confidence} parameter: a Confidence name; null when absent. */
    static Confidence confidence(Map<String, String> query) {
        return enumValue(query, "confidence", Confidence.class);
    }

    /** The {@code active} parameter: true or false, default false. */
    static boolean active(Map<String, String> query) {
        final String raw = query.get("active");
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("active must be true or false, got '" + raw + "'");
    }

    /** The {@code days} parameter of the history: 1 to {@value #MAX_DAYS}, default {@value #DEFAULT_DAYS}. */
    static int days(Map<String, String> query) {
        final String raw = query.get("days");
        if (raw == null) {
            return DEFAULT_DAYS;
        }
        final int days;
        try {
            days = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("days must be a whole number from 1 to " + MAX_DAYS + ", got '" + raw + "'");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw ApiException.badRequest("days must be from 1 to " + MAX_DAYS + ", got " + days);
        }
        return days;
    }

    private static <E extends Enum<E>> E enumValue(Map<String, String> query, String name, Class<E> type) {
        final String raw = query.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", got '" + raw + "'");
        }
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
            throw ApiException.badRequest("limit must be a whole number from " + MIN_LIMIT + " to " + MAX_LIMIT
                    + ", got '" + raw + "'");
        }
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be from " + MIN_LIMIT + " to " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }
}
