package io.authwatch.oracle;

import io.authwatch.oracle.ScenarioSpec.AppSpec;
import io.authwatch.oracle.ScenarioSpec.Interact;
import io.authwatch.oracle.ScenarioSpec.Order;
import io.authwatch.oracle.ScenarioSpec.PathChoice;
import io.authwatch.oracle.ScenarioSpec.Prompt;
import io.authwatch.oracle.ScenarioSpec.SessionSpec;
import io.authwatch.oracle.ScenarioSpec.StepSpec;
import io.authwatch.oracle.ScenarioSpec.UserSpec;
import io.authwatch.oracle.ScenarioSpec.View;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.OrderContext;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated input: the policies to publish and the telemetry of a few users of a few apps. The
 * same userId appears in several apps (the key is {@code appId:userId}). Sessions of a user never
 * overlap in time, so the order of a user's sessions is also the order of their events in time.
 */
final class Scenario {

    /** Every event time is a whole number of ticks from {@link #BASE}; see {@link ScenarioSpec}. */
    static final long TICK_MS = 7;
    static final Instant BASE = Instant.parse("2025-03-03T00:00:00Z");
    private static final long LAUNCH_VIEW_TICKS = 50;

    /** One session's events, delivered together, starting at {@code start}. */
    record Block(Instant start, List<TelemetryEvent> events) {
    }

    private final List<AppPathPolicy> policies;
    private final List<UserHistory> users;
    private final List<Block> sessions;

    private Scenario(List<AppPathPolicy> policies, List<UserHistory> users, List<Block> sessions) {
        this.policies = List.copyOf(policies);
        this.users = List.copyOf(users);
        this.sessions = List.copyOf(sessions);
    }

    static Scenario of(ScenarioSpec spec) {
        final List<AppPathPolicy> policies = new ArrayList<>();
        if (spec.stalePlatformPolicyFirst()) {
            policies.add(TestCatalog.stalePlatformDefault());
        }
        policies.add(TestCatalog.platformDefault());
        final List<UserHistory> users = new ArrayList<>();
        final List<Block> sessions = new ArrayList<>();
        for (int a = 0; a < spec.apps().size(); a++) {
            final AppSpec app = spec.apps().get(a);
            final String appId = "wx-app-" + a;
            if (app.ownPolicy()) {
                policies.add(TestCatalog.appPolicy(appId));
            }
            for (int u = 0; u < app.users().size(); u++) {
                final String userId = "uid-" + u + "-qz";
                final List<Block> blocks = new UserWriter(appId, userId, appId + "-u" + u).write(app.users().get(u));
                sessions.addAll(blocks);
                users.add(new UserHistory(appId, userId, blocks.stream().flatMap(b -> b.events().stream()).toList()));
            }
        }
        sessions.sort(Comparator.comparing(Block::start).thenComparing(b -> b.events().get(0).getSessionId()));
        return new Scenario(policies, users, sessions);
    }

    /** A scenario of hand-written histories (their sessions must not overlap in time). */
    static Scenario of(List<AppPathPolicy> policies, List<UserHistory> users) {
        final List<Block> sessions = new ArrayList<>();
        for (final UserHistory user : users) {
            final Map<String, List<TelemetryEvent>> bySession = new LinkedHashMap<>();
            user.sorted().forEach(e -> bySession.computeIfAbsent(e.getSessionId(), k -> new ArrayList<>()).add(e));
            bySession.values().forEach(events -> sessions.add(new Block(events.get(0).getEventTime(), events)));
        }
        sessions.sort(Comparator.comparing(Block::start));
        return new Scenario(policies, users, sessions);
    }

    List<AppPathPolicy> policies() {
        return policies;
    }

    List<UserHistory> users() {
        return users;
    }

    /** Sessions by start time, each session's events in seq order, no duplicates. */
    List<Block> inOrder() {
        return sessions;
    }

    /** The same sessions, each one's events shuffled, with some of them (any kind) sent twice or thrice. */
    List<Block> shuffledWithDuplicates(Random random) {
        final List<Block> out = new ArrayList<>();
        for (final Block block : sessions) {
            final List<TelemetryEvent> events = new ArrayList<>();
            for (final TelemetryEvent e : block.events()) {
                events.add(e);
                while (random.nextInt(5) == 0) {
                    events.add(e); // the same record again: serialized, it is an identical copy
                }
            }
            Collections.shuffle(events, random);
            out.add(new Block(block.start(), events));
        }
        return out;
    }

    /**
     * The same scenario with some events (any kind, about one in twenty) lost on the way: the
     * others keep their seq, so the topology sees gaps, which it must skip after ordering.grace.
     */
    Scenario losingEvents(Random random) {
        final Set<String> lost = new HashSet<>();
        sessions.forEach(b -> b.events().forEach(e -> {
            if (random.nextInt(20) == 0) {
                lost.add(e.getEventId());
            }
        }));
        final List<Block> kept = sessions.stream()
                .map(b -> new Block(b.start(), b.events().stream().filter(e -> !lost.contains(e.getEventId())).toList()))
                .filter(b -> !b.events().isEmpty()).toList();
        final List<UserHistory> keptUsers = users.stream().map(u -> new UserHistory(u.appId(), u.userId(),
                u.events().stream().filter(e -> !lost.contains(e.getEventId())).toList()))
                .filter(u -> !u.events().isEmpty()).toList();
        return new Scenario(policies, keptUsers, kept);
    }

    /** All sessions in order and without duplicates, uploaded late in one go (see {@link #interleavedUsers}). */
    List<Block> lateUpload() {
        final List<TelemetryEvent> all = sessions.stream().flatMap(b -> b.events().stream()).toList();
        final Instant last = all.stream().map(TelemetryEvent::getEventTime).max(Instant::compareTo).orElseThrow();
        return List.of(new Block(last.plusSeconds(1), all));
    }

    /**
     * Every user's events in one stream: each session shuffled with duplicates as in
     * {@link #shuffledWithDuplicates}, a user's sessions in order, and the users' streams merged at
     * random, so that other users' events (with clocks days apart) come between a user's events. One
     * block, delivered at one wall-clock instant just after the last event (a late upload): the
     * topology rejects events from more than a day in the future.
     */
    List<Block> interleavedUsers(Random random) {
        final List<List<TelemetryEvent>> perUser = new ArrayList<>();
        for (final UserHistory user : users) {
            final List<TelemetryEvent> stream = new ArrayList<>();
            shuffledWithDuplicates(random).stream()
                    .filter(b -> b.events().get(0).getAppId().equals(user.appId())
                            && b.events().get(0).getUserId().equals(user.userId()))
                    .forEach(b -> stream.addAll(b.events()));
            perUser.add(stream);
        }
        final List<TelemetryEvent> merged = new ArrayList<>();
        final int[] next = new int[perUser.size()];
        while (merged.size() < perUser.stream().mapToInt(List::size).sum()) {
            final int u = random.nextInt(perUser.size());
            if (next[u] < perUser.get(u).size()) {
                merged.add(perUser.get(u).get(next[u]++));
            }
        }
        final Instant last = merged.stream().map(TelemetryEvent::getEventTime).max(Instant::compareTo).orElseThrow();
        return List.of(new Block(last.plusSeconds(1), merged));
    }

    @Override
    public String toString() {
        final StringBuilder s = new StringBuilder("Scenario (times from ").append(BASE).append(")\n");
        policies.forEach(p -> s.append("  policy ").append(p.getAppId()).append(" v").append(p.getVersion()).append('\n'));
        for (final UserHistory user : users) {
            s.append("  user ").append(user.key()).append('\n');
            user.sorted().forEach(e -> s.append("    ").append(describe(e)).append('\n'));
        }
        return s.toString();
    }

    static String describe(TelemetryEvent e) {
        final Duration t = Duration.between(BASE, e.getEventTime());
        return String.format("%s #%d %dd%02d:%02d:%02d.%03d %s [%s]", e.getSessionId(), e.getSeq(), t.toDays(),
                t.toHoursPart(), t.toMinutesPart(), t.toSecondsPart(), t.toMillisPart(), e.getPayload(), e.getEventId());
    }

    /** Writes the sessions of one user, resolving the spec's path choices as the user moves. */
    private static final class UserWriter {
        private final String appId;
        private final String userId;
        private final String sessionPrefix;
        private long clockMs;
        private int sessionNo;
        private String sessionId;
        private long seq;
        private String current;
        private String lastTarget;
        private List<TelemetryEvent> events;

        UserWriter(String appId, String userId, String sessionPrefix) {
            this.appId = appId;
            this.userId = userId;
            this.sessionPrefix = sessionPrefix;
        }

        List<Block> write(UserSpec spec) {
            clockMs = BASE.toEpochMilli() + spec.startTicks() * TICK_MS;
            final List<Block> blocks = new ArrayList<>();
            for (final SessionSpec session : spec.sessions()) {
                blocks.add(session(session));
            }
            return blocks;
        }

        private Block session(SessionSpec spec) {
            sessionId = sessionPrefix + "-s" + sessionNo++;
            seq = 0;
            events = new ArrayList<>();
            current = TestCatalog.PATHS.get(spec.entryPath());
            lastTarget = null;
            emit(spec.gapTicks(), new AppLaunch(1001, current, true));
            final Instant start = events.get(0).getEventTime();
            switch (spec.launchView()) {
                case VISIBLE -> emit(LAUNCH_VIEW_TICKS, new PageView(current, true));
                case BLANK -> emit(LAUNCH_VIEW_TICKS, new PageView(current, false));
                case NONE -> { }
            }
            spec.steps().forEach(this::step);
            return new Block(start, events);
        }

        private void step(StepSpec step) {
            if (step instanceof View v) {
                final String path = resolve(v.path());
                emit(v.gapTicks(), new PageView(path, v.contentVisible()));
                current = path;
            } else if (step instanceof Interact i) {
                emit(i.gapTicks(), new UserInteraction(resolve(i.path()), i.kind()));
            } else if (step instanceof Order o) {
                emit(o.gapTicks(), new OrderContext(resolve(o.path()), o.mode(), o.stage()));
            } else if (step instanceof Prompt p) {
                final String promptId = "pr-" + sessionId + "-" + seq;
                final String target = p.target() == null ? null : resolve(p.target());
                emit(p.gapTicks(), new PhoneAuthPrompt(promptId, resolve(p.path()), p.trigger(), target, p.blocking()));
                if (target != null) {
                    lastTarget = target;
                }
                if (p.outcome() != null) {
                    emit(p.resultGapTicks(), new PhoneAuthResult(promptId, p.outcome()));
                }
            }
        }

        private String resolve(PathChoice choice) {
            return switch (choice.kind()) {
                case CURRENT -> current;
                case LAST_TARGET -> lastTarget != null ? lastTarget : current;
                case FIXED -> TestCatalog.PATHS.get(choice.fixed());
            };
        }

        private void emit(long gapTicks, Object payload) {
            clockMs += gapTicks * TICK_MS;
            events.add(TelemetryEvent.newBuilder().setEventId("ev-" + sessionId + "-" + seq).setAppId(appId)
                    .setUserId(userId).setSessionId(sessionId).setSeq(seq).setEventTime(Instant.ofEpochMilli(clockMs))
                    .setClientVersion("8.0.50").setPayload(payload).build());
            seq++;
        }
    }
}
