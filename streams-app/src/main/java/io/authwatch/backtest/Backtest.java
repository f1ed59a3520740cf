package io.authwatch.backtest;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.rules.DetectionSettings;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.topology.Topic;
import io.authwatch.topology.Topics;
import io.authwatch.violation.Violation;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * {@code backtest} (CONTRACT.md section 6): replays the telemetry records of {@code [from, to)} twice
 * through the monitor's topology, with the policies in force and with the candidate, each in an
 * isolated {@link Replay}, and compares them.
 *
 * <p>The records from {@link BacktestRequest#warmUpStart()} to {@code from} are replayed first, so
 * that state which outlives a session (refusals within {@code rule.reprompt.cooldown}, recognised
 * duplicates, enforcement windows) is there when the range starts; what they yield is not reported.
 * A violation belongs to the range when its prompt's record does; an action when it is emitted after
 * the warm-up. At the end of the range the replay is caught up: its clock runs on for
 * {@link #drainSpan} so that the forced-window and quiet-session decisions still pending are taken.
 */
public final class Backtest {

    private final AuthwatchConfig config;
    private final BacktestRequest request;
    private final PrintStream terminal;

    public Backtest(AuthwatchConfig config, BacktestRequest request, PrintStream terminal) {
        this.config = config;
        this.request = request;
        this.terminal = terminal;
    }

    /** What a backtest found: the report, and every violation and action behind it. */
    public record Result(BacktestReport report, BacktestDiff.Outputs outputs) {
    }

    public Result run() {
        final PolicyHistory history = PolicyHistory.read(config);
        final Topics topics = Topics.from(config);
        final Set<String> rangePrompts = new HashSet<>();
        final Counts counts = new Counts();
        try (Replay current = new Replay(config, request.warmUpStart());
             Replay candidate = new Replay(config, request.warmUpStart());
             TopicSpan span = new TopicSpan(config, topics.telemetry().name(), request.warmUpStart(), request.to())) {
            final Progress progress = new Progress(terminal, span.size());
            final Feed feedCurrent = new Feed(current, history, request);
            final Feed feedCandidate = new Feed(candidate, history.withCandidate(request.candidate()), request);
            final Topic<String, TelemetryEvent> telemetry = topics.telemetry();
            span.forEach(r -> {
                final boolean inRange = r.timestamp() >= request.from().toEpochMilli();
                if (inRange && !counts.rangeStarted) {
                    counts.rangeStarted = true;
                    startRange(current, candidate);
                }
                progress.record(inRange);
                final TelemetryEvent event = decode(telemetry, r);
                if (event == null || !request.covers(event.getAppId())) {
                    counts.skipped++;
                    return;
                }
                if (inRange) {
                    counts.range++;
                    if (event.getPayload() instanceof PhoneAuthPrompt) {
                        rangePrompts.add(event.getEventId());
                    }
                } else {
                    counts.warmUp++;
                }
                feedCurrent.telemetry(r.key(), event, r.timestamp());
                feedCandidate.telemetry(r.key(), event, r.timestamp());
            });
            if (!counts.rangeStarted) {
                startRange(current, candidate);
            }
            final Duration sweep = config.duration("rule.idle-sweep");
            current.drain(drainSpan(config), sweep);
            candidate.drain(drainSpan(config), sweep);
            progress.done("comparing with the live " + topics.violations().name());
            final BacktestDiff.Outputs outputs = new BacktestDiff.Outputs(inRange(current.violations(), rangePrompts),
                    inRange(candidate.violations(), rangePrompts), current.actions(), candidate.actions(),
                    live(topics, rangePrompts));
            final BacktestReport.Input input = new BacktestReport.Input(progress.records(), counts.warmUp, counts.range,
                    counts.skipped, progress.seconds(), progress.rate());
            return new Result(BacktestDiff.report(range(), input, outputs), outputs);
        }
    }

    /** How long the clock runs on after the last record: every wait of the detection, and two sweeps. */
    static Duration drainSpan(AuthwatchConfig config) {
        final DetectionSettings s = DetectionSettings.from(config);
        return Duration.ofMillis(s.orderingGraceMs() + s.forcedWindowMs() + s.sessionQuietMs() + 2 * s.idleSweepMs());
    }

    /** The default warm-up: the longest a detection state outlives its records. */
    public static Duration defaultWarmUp(AuthwatchConfig config) {
        final Duration cooldown = config.duration("rule.reprompt.cooldown");
        final Duration dedup = config.duration("dedup.window");
        return cooldown.compareTo(dedup) >= 0 ? cooldown : dedup;
    }

    private static void startRange(Replay current, Replay candidate) {
        // what the warm-up yielded is not reported
        current.violations();
        current.actions();
        candidate.violations();
        candidate.actions();
    }

    private static TelemetryEvent decode(Topic<String, TelemetryEvent> telemetry, ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return telemetry.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value());
        } catch (SerializationException | IllegalArgumentException e) {
            return null; // the monitor dead-letters it; it yields no violation
        }
    }

    private List<Violation> inRange(List<Violation> violations, Set<String> rangePrompts) {
        return violations.stream().filter(v -> rangePrompts.contains(v.getPromptEventId())).toList();
    }

    /** The live topic's violations of the range's prompts (read_committed, from {@code from} on). */
    private List<Violation> live(Topics topics, Set<String> rangePrompts) {
        final Topic<String, Violation> topic = topics.violations();
        final List<Violation> live = new ArrayList<>();
        try (TopicSpan span = new TopicSpan(config, topic.name(), request.from(), null)) {
            span.forEach(r -> {
                if (r.value() == null) {
                    return;
                }
                final Violation v = topic.valueSerde().deserializer().deserialize(topic.name(), r.headers(), r.value());
                if (request.covers(v.getAppId()) && rangePrompts.contains(v.getPromptEventId())) {
                    live.add(v);
                }
            });
        }
        return live;
    }

    private BacktestReport.Range range() {
        final AppPathPolicy candidate = request.candidate();
        return new BacktestReport.Range(request.from(), request.to(), request.warmUpStart(),
                request.apps().stream().sorted().toList(), candidate.getAppId(), candidate.getVersion(),
                candidate.getRules().size());
    }

    private static final class Counts {
        long warmUp;
        long range;
        long skipped;
        boolean rangeStarted;
    }

    /** One replay's input: the policy records interleaved with the telemetry by Kafka timestamp. */
    private static final class Feed {
        private final Replay replay;
        private final Iterator<PolicyHistory.Change> changes;
        private PolicyHistory.Change next;

        Feed(Replay replay, PolicyHistory history, BacktestRequest request) {
            this.replay = replay;
            for (final PolicyHistory.Change c : history.inForceBefore(request.warmUpStart())) {
                replay.policy(c.key(), c.value(), request.warmUpStart().toEpochMilli());
            }
            this.changes = history.from(request.warmUpStart()).iterator();
            this.next = changes.hasNext() ? changes.next() : null;
        }

        void telemetry(String key, TelemetryEvent event, long timestampMs) {
            while (next != null && next.timestampMs() <= timestampMs) {
                replay.policy(next.key(), next.value(), next.timestampMs());
                next = changes.hasNext() ? changes.next() : null;
            }
            replay.telemetry(key, event, timestampMs);
        }
    }
}
