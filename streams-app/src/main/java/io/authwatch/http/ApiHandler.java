package io.authwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/*}: the bearer token check, input validation, and the routes of the query API. Any
 * failure becomes a JSON error; nothing a caller sends can take the server down.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String APPS = "/api/apps";

    private static final String HISTORY = "/history";

    private final QueryRouter router;
    private final LedgerRouter ledger;
    private final BearerAuth auth;
    private final ObjectMapper mapper;

    ApiHandler(QueryRouter router, LedgerRouter ledger, BearerAuth auth, ObjectMapper mapper) {
        this.router = router;
        this.ledger = ledger;
        this.auth = auth;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (Exchanges.rejectNonGet(exchange, mapper)) {
                return;
            }
            final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!auth.permits(authorization)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"authwatch\"");
                Exchanges.sendError(exchange, mapper, 401, "a bearer token is required for /api");
                return;
            }
            final QueryRouter.Reply reply = route(exchange, authorization);
            Exchanges.send(exchange, reply.status(), Exchanges.JSON, reply.body());
        } catch (ApiException e) {
            if (e.status() == 503) {
                exchange.getResponseHeaders().set("Retry-After", "5");
            }
            Exchanges.sendError(exchange, mapper, e.status(), e.getMessage());
        } catch (InvalidStateStoreException e) {
            exchange.getResponseHeaders().set("Retry-After", "5");
            Exchanges.sendError(exchange, mapper, 503, "state stores are not queryable right now (rebalancing)");
        } catch (RuntimeException e) {
            LOG.warn("query API failed on {}", exchange.getRequestURI().getPath(), e);
            Exchanges.sendError(exchange, mapper, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private QueryRouter.Reply route(HttpExchange exchange, String authorization) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final Map<String, String> query = Exchanges.query(exchange);
        final boolean local = "local".equals(query.get("scope"))
                || exchange.getRequestHeaders().containsKey(PeerClient.FORWARDED_HEADER);
        if (path.equals(APPS) || path.equals(APPS + "/")) {
            ApiParams.allowOnly(query, "/api/apps", "limit");
            return router.apps(ApiParams.limit(query), local, authorization);
        }
        if (path.startsWith(APPS + "/") && path.endsWith(HISTORY)
                && path.length() > APPS.length() + 1 + HISTORY.length()) {
            ApiParams.allowOnly(query, "/api/apps/{appId}/history", "days");
            final String appId = ApiParams.appId(path.substring(APPS.length() + 1, path.length() - HISTORY.length()));
            return ledger.history(appId, ApiParams.days(query), local, authorization);
        }
        if (path.startsWith(APPS + "/")) {
            ApiParams.allowOnly(query, "/api/apps/{appId}", "limit");
            final String appId = ApiParams.appId(path.substring(APPS.length() + 1));
            return router.app(appId, ApiParams.limit(query), local, authorization);
        }
        if (path.equals("/api/violations")) {
            ApiParams.allowOnly(query, "/api/violations", "limit", "appId", "rule", "confidence", "before");
            final String before = query.get("before");
            return ledger.violations(new LedgerRouter.ViolationQuery(ApiParams.optionalAppId(query),
                    ApiParams.rule(query), ApiParams.confidence(query),
                    before == null ? null : ViolationCursor.parse(before), ApiParams.limit(query)), local, authorization);
        }
        if (path.equals("/api/actions")) {
            ApiParams.allowOnly(query, "/api/actions", "active", "appId", "limit");
            return ledger.actions(ApiParams.optionalAppId(query), ApiParams.active(query), ApiParams.limit(query),
                    local, authorization);
        }
        if (path.equals("/api/summary")) {
            ApiParams.allowOnly(query, "/api/summary");
            return router.summary(local, authorization);
        }
        throw ApiException.notFound("no such endpoint: " + exchange.getRequestURI().getPath());
    }
}
