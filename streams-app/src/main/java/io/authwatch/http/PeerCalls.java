package io.authwatch.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/** How the routers wait for other instances' answers. */
final class PeerCalls {

    private PeerCalls() {
    }

    /** Asks every peer at once; any failed peer fails the whole answer rather than hiding apps. */
    static List<byte[]> fanOut(PeerClient peers, List<HostInfo> hosts, String pathAndQuery, String authorization) {
        final List<CompletableFuture<PeerClient.Answer>> calls = hosts.stream()
                .map(h -> peers.get(h, pathAndQuery, authorization)).toList();
        final List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            final PeerClient.Answer answer = join(calls.get(i));
            if (answer.status() != 200) {
                throw new ApiException(answer.status() == 503 ? 503 : 502, "instance " + hosts.get(i).host() + ":"
                        + hosts.get(i).port() + " answered " + answer.status());
            }
            bodies.add(answer.body());
        }
        return bodies;
    }

    /** The peer's answer; a peer that cannot be reached is a 502. */
    static PeerClient.Answer join(CompletableFuture<PeerClient.Answer> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badGateway("a peer instance failed: " + e.getCause());
        }
    }
}
