package io.authwatch.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another monitor instance's HTTP API, passing on the caller's bearer token. Requests carry
 * {@link #FORWARDED_HEADER} so that the peer answers from its own stores and never forwards again:
 * two instances that disagree about an owner during a rebalance cannot bounce a request forever.
 */
final class PeerClient {

    static final String FORWARDED_HEADER = "X-Authwatch-Forwarded";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** A peer's answer: its status and JSON body. */
    record Answer(int status, byte[] body) {
    }

    /** GET {@code pathAndQuery} on {@code host}; fails with 502 when the peer cannot be reached. */
    CompletableFuture<Answer> get(HostInfo host, String pathAndQuery, String authorization) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(host, pathAndQuery))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").header(FORWARDED_HEADER, "1").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Answer(r.statusCode(), r.body()))
                .exceptionally(e -> {
                    throw new CompletionException(ApiException.badGateway("instance " + host.host() + ":"
                            + host.port() + " did not answer (" + rootMessage(e) + ")"));
                });
    }

    private static URI uri(HostInfo host, String pathAndQuery) {
        return URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof CompletionException || t instanceof IOException
                && t.getMessage() == null)) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
