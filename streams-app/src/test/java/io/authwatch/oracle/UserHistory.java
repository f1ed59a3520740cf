package io.authwatch.oracle;

import io.authwatch.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one user did in one app ({@code "<appId>:<userId>"}, CONTRACT.md §2), in any order and
 * with any duplicates, as the producers delivered it.
 */
record UserHistory(String appId, String userId, List<TelemetryEvent> events) {

    UserHistory {
        events = List.copyOf(events);
    }

    String key() {
        return appId + ":" + userId;
    }

    /**
     * The history as §4 evaluates it: "A duplicated eventId is evaluated once" (the first copy is
     * kept), "Events of a session are evaluated in seq order; sessions of a user in eventTime order"
     * (a session's time is that of its earliest event).
     */
    List<TelemetryEvent> sorted() {
        final Map<String, TelemetryEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.getEventId(), e));
        final Map<String, List<TelemetryEvent>> sessions = new LinkedHashMap<>();
        unique.values().forEach(e -> sessions.computeIfAbsent(e.getSessionId(), s -> new ArrayList<>()).add(e));
        sessions.values().forEach(s -> s.sort(Comparator.comparingLong(TelemetryEvent::getSeq)));
        final List<List<TelemetryEvent>> ordered = new ArrayList<>(sessions.values());
        ordered.sort(Comparator.<List<TelemetryEvent>>comparingLong(UserHistory::start)
                .thenComparing(s -> s.get(0).getSessionId()));
        return ordered.stream().flatMap(List::stream).toList();
    }

    private static long start(List<TelemetryEvent> session) {
        return session.stream().mapToLong(e -> e.getEventTime().toEpochMilli()).min().orElseThrow();
    }
}
