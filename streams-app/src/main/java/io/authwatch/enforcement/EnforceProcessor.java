package io.authwatch.enforcement;

import io.authwatch.internal.AppActivity;
import io.authwatch.internal.EnforcementSignal;
import io.authwatch.internal.EnforcementWindowState;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.Violation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The enforce processor: reads the merged signals of one app (keyed by appId), keeps the window
 * counts, and forwards an {@link EnforcementAction} (keyed by appId) the moment a tier's condition
 * holds, at most once per (app, tier, window), lower tiers first. State lives in the stores of
 * {@link EnforcementStores}; the decisions are made by {@link TierRules} and {@link ActionFactory}.
 */
final class EnforceProcessor implements Processor<String, EnforcementSignal, String, EnforcementAction> {

    /** 9999-12-31T23:59:59.999Z: later times overflow window arithmetic. */
    private static final long LATEST_EVENT_TIME = 253_402_300_799_999L;

    private final EnforcementSettings settings;
    private final AuthwatchMetrics metrics;
    private final TierRules tiers;
    private final ActionFactory factory;
    private ProcessorContext<String, EnforcementAction> context;
    private EnforcementClock clock;
    private KeyValueStore<String, Long> seen;
    private WindowLedger ledger;
    private ActionHistory history;
    private RecentViolations recent;
    private Retention retention;

    EnforceProcessor(EnforcementSettings settings, AuthwatchMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.tiers = new TierRules(settings);
        this.factory = new ActionFactory(settings);
    }

    @Override
    public void init(ProcessorContext<String, EnforcementAction> context) {
        this.context = context;
        final KeyValueStore<String, byte[]> sketches = context.getStateStore(EnforcementStores.SKETCHES);
        final KeyValueStore<String, EnforcementWindowState> states = context.getStateStore(EnforcementStores.WINDOW_STATE);
        final KeyValueStore<String, EnforcementAction> actions = context.getStateStore(EnforcementStores.ACTIONS);
        final KeyValueStore<String, Violation> appViolations = context.getStateStore(EnforcementStores.APP_VIOLATIONS);
        this.seen = context.getStateStore(EnforcementStores.SEEN_VIOLATIONS);
        this.clock = new EnforcementClock(context.getStateStore(EnforcementStores.CLOCK), settings.windows(),
                settings.grace());
        this.ledger = new WindowLedger(states, sketches, settings.windows());
        this.history = new ActionHistory(actions, settings);
        this.recent = new RecentViolations(appViolations, context.getStateStore(EnforcementStores.RECENT_VIOLATIONS),
                context.getStateStore(EnforcementStores.APP_VIOLATION_COUNTS));
        this.retention = new Retention(clock, settings, sketches, states, seen, actions, recent);
    }

    @Override
    public void process(Record<String, EnforcementSignal> record) {
        final EnforcementSignal signal = record.value();
        if (signal == null) {
            return;
        }
        checkEventTime(signal);
        if (signal.getPayload() instanceof Violation violation) {
            onViolation(violation, record.timestamp());
        } else if (signal.getPayload() instanceof AppActivity activity) {
            onActivity(activity);
        }
    }

    /**
     * Refuses, before any state changes, an eventTime no window can hold (before 1970 or after 9999):
     * the exception sends the record to the DLQ through the processing exception handler.
     */
    private static void checkEventTime(EnforcementSignal signal) {
        final long eventTime = signal.getEventTime().toEpochMilli();
        if (eventTime < 0 || eventTime > LATEST_EVENT_TIME) {
            throw new IllegalArgumentException("enforcement signal of app " + signal.getAppId()
                    + " has an eventTime outside 1970..9999: " + eventTime);
        }
    }

    private void onActivity(AppActivity activity) {
        final long windowStart = settings.windows().windowStart(activity.getEventTime().toEpochMilli());
        if (arrivesLate(windowStart, activity.getEventTime().toEpochMilli())) {
            return;
        }
        ledger.addActiveUser(activity.getAppId(), windowStart, activity.getUserRef());
    }

    private void onViolation(Violation violation, long timestamp) {
        if (seen.get(violation.getViolationId()) != null) {
            return; // a copy of one already handled: it must not count twice nor show twice
        }
        final long eventTime = violation.getEventTime().toEpochMilli();
        final long windowStart = settings.windows().windowStart(eventTime);
        seen.put(violation.getViolationId(), windowStart);
        recent.record(violation, clock.nextSequence());
        if (arrivesLate(windowStart, eventTime) || violation.getConfidence() != Confidence.CONFIRMED) {
            return;
        }
        final EnforcementWindowState window = ledger.addViolation(violation, windowStart);
        if (!tiers.anyReachable(window.getAffectedUsers())) {
            return; // most apps, most of the time: spare the look-back scan
        }
        final TierRules.History before = history.before(violation.getAppId(), windowStart);
        for (final TierRules.Decision decision : tiers.decide(window.getActiveUsers(), window.getAffectedUsers(), before)) {
            if (!history.emitted(violation.getAppId(), windowStart, decision.kind())) {
                emit(factory.create(window, decision, violation), timestamp);
            }
        }
    }

    private void emit(EnforcementAction action, long timestamp) {
        history.record(action);
        metrics.enforcementAction(action.getAction().name());
        context.forward(new Record<>(action.getAppId(), action, timestamp));
    }

    /**
     * Whether the event's window had closed before it arrived (then it is counted as late and changes
     * no count); advances the clock and prunes the stores otherwise.
     */
    private boolean arrivesLate(long windowStart, long eventTime) {
        if (clock.isClosed(windowStart)) {
            metrics.lateEvent();
            return true;
        }
        clock.observe(eventTime);
        retention.sweepIfWindowClosed();
        return false;
    }
}
