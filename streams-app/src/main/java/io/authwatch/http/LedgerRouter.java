package io.authwatch.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.enforcement.EnforcementKind;
import io.authwatch.enforcement.EnforcementSettings;
import io.authwatch.enforcement.EnforcementWindows;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Violation;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The enforcement ledger of the query API (CONTRACT.md section 8): {@code /api/actions},
 * {@code /api/apps/{appId}/history} and the filtered, paged {@code /api/violations}. As in
 * {@link QueryRouter}, a question about one app goes to the instance that owns it, and a listing of
 * every app asks every instance ({@code scope=local}) and merges.
 */
final class LedgerRouter {

    private static final TypeReference<List<ApiViews.ActionView>> ACTIONS = new TypeReference<>() { };

    /** The newest first order of {@link io.authwatch.enforcement.EnforcementQueries#NEWEST_FIRST}, on views. */
    private static final Comparator<ApiViews.ViolationView> VIOLATIONS_NEWEST_FIRST = Comparator
            .comparing(ApiViews.ViolationView::detectedAt).thenComparing(ApiViews.ViolationView::violationId)
            .reversed();
    private static final Comparator<ApiViews.ActionView> ACTIONS_NEWEST_FIRST = Comparator
            .comparing(ApiViews.ActionView::effectiveFrom)
            .thenComparing(a -> tierOrder(a.action()))
            .thenComparing(ApiViews.ActionView::actionId).reversed();

    /** What {@code /api/violations} asks for: each filter null when not given. */
    record ViolationQuery(String appId, RuleId rule, Confidence confidence, ViolationCursor before, int limit) {

        Predicate<Violation> filter() {
            return v -> (appId == null || appId.equals(v.getAppId()))
                    && (rule == null || rule == v.getRule())
                    && (confidence == null || confidence == v.getConfidence())
                    && (before == null || before.precedes(v));
        }

        /** The same question, as a query string (for the owner or the other instances). */
        String queryString(int pageLimit) {
            final StringBuilder q = new StringBuilder("limit=").append(pageLimit);
            if (appId != null) {
                q.append("&appId=").append(QueryRouter.encode(appId));
            }
            if (rule != null) {
                q.append("&rule=").append(rule.name());
            }
            if (confidence != null) {
                q.append("&confidence=").append(confidence.name());
            }
            if (before != null) {
                q.append("&before=").append(before.encode());
            }
            return q.toString();
        }
    }

    private final OpsQueries queries;
    private final InstanceDirectory directory;
    private final PeerClient peers;
    private final EnforcementSettings settings;
    private final Clock clock;
    private final ObjectMapper mapper;

    LedgerRouter(OpsQueries queries, InstanceDirectory directory, PeerClient peers, EnforcementSettings settings,
            Clock clock, ObjectMapper mapper) {
        this.queries = queries;
        this.directory = directory;
        this.peers = peers;
        this.settings = settings;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** {@code GET /api/violations}: a page of the latest violations that pass the filters, newest first. */
    QueryRouter.Reply violations(ViolationQuery query, boolean local, String authorization) throws IOException {
        final String path = "/api/violations?" + query.queryString(query.limit());
        if (!local && query.appId() != null) {
            final Optional<QueryRouter.Reply> forwarded = forwardToOwner(query.appId(), path, authorization);
            if (forwarded.isPresent()) {
                return forwarded.get();
            }
        }
        final List<Violation> mine = queries.violations(query.appId(), query.filter(), query.limit() + 1);
        final List<ApiViews.ViolationView> all = new ArrayList<>();
        mine.forEach(v -> all.add(ApiViews.ViolationView.of(v)));
        boolean more = false;
        if (!local && query.appId() == null) {
            for (final byte[] body : PeerCalls.fanOut(peers, directory.remotePeers(queries.appStoreName()),
                    path + "&scope=local", authorization)) {
                final ApiViews.ViolationPage page = mapper.readValue(body, ApiViews.ViolationPage.class);
                all.addAll(page.violations());
                more |= page.next() != null;
            }
        }
        final Map<String, ApiViews.ViolationView> byId = new LinkedHashMap<>();
        all.stream().sorted(VIOLATIONS_NEWEST_FIRST).forEach(v -> byId.putIfAbsent(v.violationId(), v));
        final List<ApiViews.ViolationView> sorted = List.copyOf(byId.values());
        final List<ApiViews.ViolationView> page = sorted.subList(0, Math.min(query.limit(), sorted.size()));
        final boolean hasNext = (more || sorted.size() > query.limit()) && !page.isEmpty();
        final ApiViews.ViolationView last = hasNext ? page.get(page.size() - 1) : null;
        return ok(new ApiViews.ViolationPage(page,
                last == null ? null : ViolationCursor.after(last.detectedAt(), last.violationId()).encode()));
    }

    /** {@code GET /api/actions}: actions of every window kept, newest first; {@code active} keeps those in force. */
    QueryRouter.Reply actions(String appId, boolean active, int limit, boolean local, String authorization)
            throws IOException {
        final String path = "/api/actions?limit=" + limit + (active ? "&active=true" : "")
                + (appId == null ? "" : "&appId=" + QueryRouter.encode(appId));
        if (!local && appId != null) {
            final Optional<QueryRouter.Reply> forwarded = forwardToOwner(appId, path, authorization);
            if (forwarded.isPresent()) {
                return forwarded.get();
            }
        }
        final Instant now = clock.instant();
        final Predicate<EnforcementAction> keep = a -> !active || a.getExpiresAt() == null
                || a.getExpiresAt().isAfter(now);
        final List<ApiViews.ActionView> all = new ArrayList<>();
        queries.actions(appId, keep, limit).forEach(a -> all.add(ApiViews.ActionView.of(a)));
        if (!local && appId == null) {
            for (final byte[] body : PeerCalls.fanOut(peers, directory.remotePeers(queries.appStoreName()),
                    path + "&scope=local", authorization)) {
                all.addAll(mapper.readValue(body, ACTIONS));
            }
        }
        final Map<String, ApiViews.ActionView> byId = new LinkedHashMap<>();
        all.stream().sorted(ACTIONS_NEWEST_FIRST).forEach(a -> byId.putIfAbsent(a.actionId(), a));
        return ok(byId.values().stream().limit(limit).toList());
    }

    /** {@code GET /api/apps/{appId}/history?days=N}: the app's windows of the last N days, newest first. */
    QueryRouter.Reply history(String appId, int days, boolean local, String authorization) throws IOException {
        if (!local) {
            final Optional<QueryRouter.Reply> forwarded = forwardToOwner(appId,
                    "/api/apps/" + QueryRouter.encode(appId) + "/history?days=" + days, authorization);
            if (forwarded.isPresent()) {
                return forwarded.get();
            }
        }
        final EnforcementWindows windows = settings.windows();
        final long current = windows.windowStart(clock.millis());
        if (queries.app(appId, current, 0).isEmpty()) {
            throw ApiException.notFound("app " + appId + " was never seen");
        }
        final List<ApiViews.HistoryWindowView> entries = queries.history(appId, windowStarts(days, current)).stream()
                .map(ApiViews.HistoryWindowView::of).toList();
        return ok(new ApiViews.HistoryView(appId, days, windows.zone().getId(), windows.size().toString(), tiers(),
                entries));
    }

    /**
     * The starts of the windows of the last {@code days} days, newest first: from the current window back
     * to the first window of the day {@code days - 1} days before today in {@code enforce.zone}.
     */
    List<Long> windowStarts(int days, long current) {
        final EnforcementWindows windows = settings.windows();
        final ZoneId zone = windows.zone();
        final long earliest = windows.windowStart(Instant.ofEpochMilli(current).atZone(zone).toLocalDate()
                .minusDays(days - 1L).atStartOfDay(zone).toInstant().toEpochMilli());
        final List<Long> starts = new ArrayList<>();
        for (long start = current; start >= earliest; start = windows.previousWindowStart(start, 1)) {
            starts.add(start);
        }
        return starts;
    }

    private List<ApiViews.TierView> tiers() {
        final List<ApiViews.TierView> out = new ArrayList<>();
        for (final EnforcementKind kind : List.of(EnforcementKind.WARNING, EnforcementKind.RESTRICT_PHONE_AUTH,
                EnforcementKind.SUSPEND_PHONE_AUTH)) {
            final EnforcementSettings.Tier tier = settings.tier(kind);
            out.add(new ApiViews.TierView(kind.name(), tier.minUsers(), tier.minRate(), tier.expiresAfter().toString()));
        }
        return out;
    }

    private Optional<QueryRouter.Reply> forwardToOwner(String appId, String pathAndQuery, String authorization) {
        final Optional<HostInfo> owner = directory.remoteOwner(queries.appStoreName(), appId);
        return owner.map(host -> {
            final PeerClient.Answer answer = PeerCalls.join(peers.get(host, pathAndQuery, authorization));
            return new QueryRouter.Reply(answer.status(), answer.body());
        });
    }

    private static int tierOrder(String action) {
        try {
            return EnforcementKind.valueOf(action).ordinal();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private QueryRouter.Reply ok(Object body) throws IOException {
        return new QueryRouter.Reply(200, mapper.writeValueAsBytes(body));
    }
}
