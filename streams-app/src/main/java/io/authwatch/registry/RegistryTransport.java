package io.authwatch.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one REST call to the schema registry: tries each URL in turn, and retries the whole round
 * with exponential backoff (with jitter) when every URL failed with a connection error, a timeout,
 * or a retriable status (408, 429, 5xx). Any other 4xx is the registry's definitive answer and is
 * thrown at once. The Authorization header is set on every request and never logged.
 */
final class RegistryTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);

    private final RegistryClientSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;

    RegistryTransport(RegistryClientSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        final HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout());
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.http = builder.build();
    }

    /**
     * Sends {@code method path} with {@code body} (or none) and returns the parsed JSON answer.
     *
     * @param what what the call does, naming its subject or id, for error messages
     */
    JsonNode send(String method, String path, JsonNode body, String what) {
        SchemaRegistryException last = null;
        final int attempts = settings.maxRetries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                pause(attempt - 1, what, last);
            }
            for (final URI base : settings.urls()) {
                try {
                    return sendOnce(base, method, path, body, what);
                } catch (RetriableException e) {
                    last = e.failure;
                }
            }
        }
        throw new SchemaRegistryException(last.getMessage() + " (gave up after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ")", last.status(), last.errorCode(), last.getCause());
    }

    private JsonNode sendOnce(URI base, String method, String path, JsonNode body, String what)
            throws RetriableException {
        final HttpResponse<String> response;
        try {
            response = http.send(request(base, method, path, body), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RetriableException(new SchemaRegistryException(what + " failed: " + base + " did not answer "
                    + method + " " + path + " in time (" + e.getMessage() + ")", -1, -1, e));
        } catch (IOException e) {
            throw new RetriableException(new SchemaRegistryException(what + " failed: cannot reach " + base
                    + " for " + method + " " + path + " (" + e + ")", -1, -1, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(what + " was interrupted while calling " + base, -1, -1, e);
        }
        final int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body(), base, what);
        }
        final SchemaRegistryException failure = failure(response, base, method, path, what);
        if (status == 408 || status == 429 || status >= 500) {
            throw new RetriableException(failure);
        }
        throw failure;
    }

    private HttpRequest request(URI base, String method, String path, JsonNode body) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (settings.authorization() != null) {
            builder.header("Authorization", settings.authorization());
        }
        settings.headers().forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return builder.build();
    }

    private JsonNode parse(String body, URI base, String what) {
        try {
            return json.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(what + " failed: " + base + " answered with a body that is not JSON: "
                    + abbreviate(body), -1, -1, e);
        }
    }

    private SchemaRegistryException failure(HttpResponse<String> response, URI base, String method, String path,
                                            String what) {
        int errorCode = -1;
        String message = abbreviate(response.body());
        try {
            final JsonNode error = json.readTree(response.body());
            if (error != null && error.hasNonNull("error_code")) {
                errorCode = error.get("error_code").asInt(-1);
                message = error.path("message").asText("");
            }
        } catch (JsonProcessingException e) {
            // not a Confluent error body (a proxy's page, say): keep the raw text
        }
        return new SchemaRegistryException(what + " failed: " + base + " answered " + response.statusCode()
                + " to " + method + " " + path + " (error_code " + errorCode + ": " + message + ")",
                response.statusCode(), errorCode);
    }

    private void pause(int retry, String what, SchemaRegistryException last) {
        final long base = settings.retryBackoff().toMillis();
        final long capped = Math.min(settings.maxRetryBackoff().toMillis(),
                base * (1L << Math.min(retry - 1, 20)));
        final long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        LOG.warn("{}: retry {} of {} in {} ms after: {}", what, retry, settings.maxRetries(), delay,
                last.getMessage());
        try {
            Thread.sleep(Duration.ofMillis(delay).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(what + " was interrupted while waiting to retry: " + last.getMessage(),
                    last.status(), last.errorCode(), e);
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    /** A failure worth trying the next URL or another round for. */
    private static final class RetriableException extends Exception {
        private final transient SchemaRegistryException failure;

        RetriableException(SchemaRegistryException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
