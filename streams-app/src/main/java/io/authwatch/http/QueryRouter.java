package io.authwatch.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.enforcement.EnforcementWindows;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers the query API for any app from any instance: from the local stores when this instance owns
 * the app, else by asking the owner; listings ask every instance and merge. "Current window" is the
 * enforcement window holding the current wall-clock time in {@code enforce.zone}.
 */
final class QueryRouter {

    /** The answer to relay: an HTTP status and a JSON body. */
    record Reply(int status, byte[] body) {
    }

    private static final TypeReference<List<ApiViews.AppRow>> ROWS = new TypeReference<>() { };

    private final OpsQueries queries;
    private final InstanceDirectory directory;
    private final PeerClient peers;
    private final EnforcementWindows windows;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;

    QueryRouter(OpsQueries queries, InstanceDirectory directory, PeerClient peers, EnforcementWindows windows,
            Clock clock, MeterRegistry registry, ObjectMapper mapper) {
        this.queries = queries;
        this.directory = directory;
        this.peers = peers;
        this.windows = windows;
        this.clock = clock;
        this.registry = registry;
        this.mapper = mapper;
    }

    /** {@code GET /api/apps/{appId}}; {@code local} answers from this instance's stores only. */
    Reply app(String appId, int recentLimit, boolean local, String authorization) throws IOException {
        if (!local) {
            final var owner = directory.remoteOwner(queries.appStoreName(), appId);
            if (owner.isPresent()) {
                final PeerClient.Answer answer = PeerCalls.join(peers.get(owner.get(), "/api/apps/" + encode(appId)
                        + "?limit=" + recentLimit, authorization));
                return new Reply(answer.status(), answer.body());
            }
        }
        final long start = currentWindowStart();
        final var state = queries.app(appId, start, recentLimit)
                .orElseThrow(() -> ApiException.notFound("app " + appId + " was never seen"));
        return ok(ApiViews.AppView.of(withWindow(state, start)));
    }

    /** {@code GET /api/apps?limit=N}: the current window's apps by affectedUsers, descending. */
    Reply apps(int limit, boolean local, String authorization) throws IOException {
        final long start = currentWindowStart();
        final List<ApiViews.AppRow> rows = new ArrayList<>();
        queries.apps(start, limit).forEach(s -> rows.add(ApiViews.AppRow.of(withWindow(s, start))));
        if (!local) {
            for (final byte[] body : PeerCalls.fanOut(peers, directory.remotePeers(queries.appStoreName()),
                    "/api/apps?scope=local&limit=" + limit, authorization)) {
                rows.addAll(mapper.readValue(body, ROWS));
            }
        }
        final Map<String, ApiViews.AppRow> byApp = new LinkedHashMap<>();
        rows.forEach(r -> byApp.putIfAbsent(r.appId(), r));
        return ok(byApp.values().stream()
                .sorted(Comparator.comparingLong((ApiViews.AppRow r) -> r.window().affectedUsers()).reversed()
                        .thenComparing(ApiViews.AppRow::appId))
                .limit(limit).toList());
    }

    /** {@code GET /api/summary}: the contract counters summed over the instances that answer. */
    Reply summary(boolean local, String authorization) throws IOException {
        SummaryView summary = SummaryView.local(registry, clock.instant(), windows.zone().getId());
        if (!local) {
            final List<HostInfo> others = directory.remotePeers();
            final List<CompletableFuture<PeerClient.Answer>> calls = others.stream()
                    .map(h -> peers.get(h, "/api/summary?scope=local", authorization)).toList();
            for (final CompletableFuture<PeerClient.Answer> call : calls) {
                final PeerClient.Answer answer = joinQuietly(call);
                summary = answer == null || answer.status() != 200 ? summary.withUnreachable(1)
                        : summary.plus(mapper.readValue(answer.body(), SummaryView.class));
            }
        }
        return ok(summary);
    }

    long currentWindowStart() {
        return windows.windowStart(clock.millis());
    }

    private OpsQueries.AppState withWindow(OpsQueries.AppState state, long start) {
        if (state.window() != null) {
            return state;
        }
        return new OpsQueries.AppState(state.appId(),
                OpsQueries.WindowCounts.empty(start, windows.windowEnd(start)), state.latestAction(),
                state.recentViolations() == null ? List.of() : state.recentViolations());
    }

    Reply ok(Object body) throws IOException {
        return new Reply(200, mapper.writeValueAsBytes(body));
    }

    private static PeerClient.Answer joinQuietly(CompletableFuture<PeerClient.Answer> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
