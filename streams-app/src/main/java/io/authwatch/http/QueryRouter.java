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
    private static final TypeReference<List<ApiViews.ViolationView>> VIOLATIONS = new TypeReference<>() { };

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
                final PeerClient.Answer answer = join(peers.get(owner.get(), "/api/apps/" + encode(appId)
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
            for (final byte[] body : fanOut(directory.remotePeers(queries.appStoreName()),
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

    /** {@code GET /api/violations?limit=N}: the latest violations of all apps, newest first. */
    Reply violations(int limit, boolean local, String authorization) throws IOException {
        final List<ApiViews.ViolationView> all = new ArrayList<>();
        queries.recentViolations(limit).forEach(v -> all.add(ApiViews.ViolationView.of(v)));
        if (!local) {
            for (final byte[] body : fanOut(directory.remotePeers(queries.appStoreName()),
                    "/api/violations?scope=local&limit=" + limit, authorization)) {
                all.addAll(mapper.readValue(body, VIOLATIONS));
            }
        }
        final Map<String, ApiViews.ViolationView> byId = new LinkedHashMap<>();
        all.forEach(v -> byId.putIfAbsent(v.violationId(), v));
        return ok(byId.values().stream()
                .sorted(Comparator.comparing(ApiViews.ViolationView::detectedAt).reversed()
                        .thenComparing(ApiViews.ViolationView::violationId))
                .limit(limit).toList());
    }

    /** {@code GET /api/summary}: the contract counters summed over the instances that answer. */
    Reply summary(boolean local, String authorization) throws IOException {
        SummaryView summary = SummaryView.local(registry, clock.instant());
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

    /** Asks every peer at once; any failed peer fails the whole answer rather than hiding apps. */
    private List<byte[]> fanOut(List<HostInfo> hosts, String pathAndQuery, String authorization) {
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

    private Reply ok(Object body) throws IOException {
        return new Reply(200, mapper.writeValueAsBytes(body));
    }

    private static PeerClient.Answer join(CompletableFuture<PeerClient.Answer> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badGateway("a peer instance failed: " + e.getCause());
        }
    }

    private static PeerClient.Answer joinQuietly(CompletableFuture<PeerClient.Answer> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
