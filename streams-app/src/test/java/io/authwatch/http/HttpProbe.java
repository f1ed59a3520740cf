package io.authwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A test's HTTP client for one server. */
final class HttpProbe {

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    HttpProbe(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, null);
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        final HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(req.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
