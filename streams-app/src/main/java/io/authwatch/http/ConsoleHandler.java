package io.authwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /}: the ops console, three static files on the classpath under {@code console/}. Only
 * those files are served; no path from the request reaches the class loader.
 */
final class ConsoleHandler implements HttpHandler {

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"console/index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"console/index.html", "text/html; charset=utf-8"},
            "/console.js", new String[] {"console/console.js", "text/javascript; charset=utf-8"},
            "/console.css", new String[] {"console/console.css", "text/css; charset=utf-8"});

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    private final Map<String, byte[]> bodies;
    private final ObjectMapper mapper;

    ConsoleHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        this.bodies = Map.of(
                "console/index.html", load("console/index.html"),
                "console/console.js", load("console/console.js"),
                "console/console.css", load("console/console.css"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (Exchanges.rejectNonGet(exchange, mapper)) {
            return;
        }
        final String[] file = FILES.get(exchange.getRequestURI().getPath());
        if (file == null) {
            Exchanges.sendError(exchange, mapper, 404, "not found: " + exchange.getRequestURI().getPath());
            return;
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        Exchanges.send(exchange, 200, file[1], bodies.get(file[0]));
    }

    private static byte[] load(String resource) {
        try (InputStream in = ConsoleHandler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("console resource missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
