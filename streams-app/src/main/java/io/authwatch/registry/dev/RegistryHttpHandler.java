package io.authwatch.registry.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the dev registry: parses a request of the Confluent Schema Registry REST API,
 * asks {@link RegistryRoutes}, and answers in Confluent's JSON, errors as
 * {@code {"error_code": …, "message": …}}.
 */
final class RegistryHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final RegistryRoutes routes;
    private final ObjectMapper json;

    RegistryHttpHandler(RegistryRoutes routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    /** A parsed request: method, decoded path segments, query parameters, and the JSON body (or null). */
    record Request(String method, List<String> path, Map<String, String> query, JsonNode body) {
        boolean flag(String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }
    }

    /** An answer: a status and either JSON or, for the raw {@code /schema} endpoints, the schema's text. */
    record Answer(int status, Object body) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = routes.route(parse(exchange));
            } catch (RegistryError e) {
                answer = error(e.status(), e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("dev registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                answer = error(500, 500, "Internal Server Error: " + e.getMessage());
            }
            send(exchange, answer);
        }
    }

    private Request parse(HttpExchange exchange) throws IOException {
        final String rawPath = exchange.getRequestURI().getRawPath();
        final List<String> path = Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
        final Map<String, String> query = new HashMap<>();
        final String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (final String pair : rawQuery.split("&")) {
                final int eq = pair.indexOf('=');
                final String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        final byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = null;
        if (bytes.length > 0) {
            try {
                body = json.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw new RegistryError(422, 422, "Unrecognized request body: " + e.getOriginalMessage());
            }
        }
        return new Request(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT), path, query, body);
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        final byte[] body = answer.body() instanceof String raw
                ? raw.getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Answer error(int status, int errorCode, String message) {
        final ObjectNode error = json.createObjectNode();
        error.put("error_code", errorCode);
        error.put("message", message);
        return new Answer(status, error);
    }
}
