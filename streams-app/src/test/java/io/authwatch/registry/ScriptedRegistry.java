package io.authwatch.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** A real HTTP(S) server on loopback that answers as a test scripts it and records every request. */
final class ScriptedRegistry implements AutoCloseable {

    record Request(String method, String path, String authorization, String contentType, String body,
                   Map<String, String> headers) {
    }

    record Answer(int status, String body) {
        static Answer ok(String body) {
            return new Answer(200, body);
        }

        static Answer error(int status, int errorCode, String message) {
            return new Answer(status, "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final String scheme;

    private ScriptedRegistry(HttpServer server, String scheme, Function<Request, Answer> script) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", exchange -> answer(exchange, script));
        server.setExecutor(executor);
        server.start();
    }

    static ScriptedRegistry http(Function<Request, Answer> script) throws IOException {
        return new ScriptedRegistry(HttpServer.create(loopback(), 0), "http", script);
    }

    static ScriptedRegistry https(SSLContext tls, Function<Request, Answer> script) throws IOException {
        final HttpsServer server = HttpsServer.create(loopback(), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new ScriptedRegistry(server, "https", script);
    }

    String url() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange, Function<Request, Answer> script) throws IOException {
        try (exchange) {
            final String query = exchange.getRequestURI().getRawQuery();
            final Request request = new Request(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    firstValues(exchange));
            requests.add(request);
            final Answer answer = script.apply(request);
            final byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Each request header's first value, by lower-cased name. */
    private static Map<String, String> firstValues(HttpExchange exchange) {
        final Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        return headers;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
