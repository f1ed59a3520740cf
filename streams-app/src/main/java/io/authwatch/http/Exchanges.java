package io.authwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Small helpers to answer a {@link HttpExchange}. */
final class Exchanges {

    static final String JSON = "application/json; charset=utf-8";

    private Exchanges() {
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static void sendJson(HttpExchange exchange, ObjectMapper mapper, int status, Object body) throws IOException {
        send(exchange, status, JSON, mapper.writeValueAsBytes(body));
    }

    static void sendError(HttpExchange exchange, ObjectMapper mapper, int status, String message) throws IOException {
        sendJson(exchange, mapper, status, new ApiViews.ErrorView(status, message));
    }

    /** Answers 405 unless the method is GET or HEAD; true when it did. */
    static boolean rejectNonGet(HttpExchange exchange, ObjectMapper mapper) throws IOException {
        final String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return false;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        sendError(exchange, mapper, 405, "only GET is supported here");
        return true;
    }

    /** The decoded query parameters; the first value wins when a name repeats. */
    static Map<String, String> query(HttpExchange exchange) {
        final String raw = exchange.getRequestURI().getRawQuery();
        final Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (final String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not properly encoded");
        }
    }
}
