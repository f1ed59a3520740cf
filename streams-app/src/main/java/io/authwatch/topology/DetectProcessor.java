package io.authwatch.topology;

import io.authwatch.internal.AppActivity;
import io.authwatch.internal.DetectionState;
import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathPolicyCatalog;
import io.authwatch.policy.PolicyGeneration;
import io.authwatch.rules.DetectionSettings;
import io.authwatch.rules.DetectorOutcome;
import io.authwatch.rules.EventValidator;
import io.authwatch.rules.Finding;
import io.authwatch.rules.UserDetector;
import io.authwatch.rules.UserRefHasher;
import io.authwatch.rules.ViolationFactory;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.violation.Violation;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The "detect" processor: adapts {@link UserDetector} to the state stores. Input keyed
 * {@code appId:userId}; per record it validates (an invalid record throws
 * {@link io.authwatch.rules.InvalidEventException} before any state is touched, for the DLQ), loads
 * the user's state from {@value DetectionTopology#USER_STATE_STORE}, lets the detector take the event
 * in, stores the state back and re-indexes it in {@value DetectionTopology#DUE_INDEX_STORE} under the
 * wall-clock time it is next due. A wall-clock punctuator every {@code rule.idle-sweep} visits only
 * the users due by then. Output: violations and activity, keyed by appId.
 */
final class DetectProcessor implements Processor<String, TelemetryEvent, String, DetectionOutput> {

    /** Most users visited by one sweep, so a backlog cannot stall processing; the rest wait for the next. */
    static final int SWEEP_LIMIT = 50_000;

    private final DetectionSettings settings;
    private final boolean keyFromValue;
    private final String userRefSecret;
    private final AuthwatchMetrics metrics;
    private final PolicyGeneration policyGeneration;
    private ProcessorContext<String, DetectionOutput> context;
    private KeyValueStore<String, DetectionState> states;
    private DueIndex due;
    private UserDetector detector;
    private UserRefHasher userRefs;

    /**
     * @param keyFromValue the key was derived from the value upstream ({@code input.rekey=true}), so it
     *                     is not checked against it
     */
    DetectProcessor(DetectionSettings settings, boolean keyFromValue, String userRefSecret, AuthwatchMetrics metrics,
                    PolicyGeneration policyGeneration) {
        this.settings = settings;
        this.keyFromValue = keyFromValue;
        this.userRefSecret = userRefSecret;
        this.metrics = metrics;
        this.policyGeneration = policyGeneration;
    }

    @Override
    public void init(ProcessorContext<String, DetectionOutput> context) {
        this.context = context;
        this.states = context.getStateStore(DetectionTopology.USER_STATE_STORE);
        final KeyValueStore<Bytes, byte[]> index = context.getStateStore(DetectionTopology.DUE_INDEX_STORE);
        this.due = new DueIndex(index);
        final KeyValueStore<String, ValueAndTimestamp<AppPathPolicy>> policies =
                context.getStateStore(DetectionTopology.POLICY_STORE);
        this.detector = new UserDetector(settings, new PathPolicyCatalog(appId -> {
            final ValueAndTimestamp<AppPathPolicy> stored = policies.get(appId);
            return stored == null ? null : stored.value();
        }, policyGeneration));
        this.userRefs = new UserRefHasher(userRefSecret);
        context.schedule(Duration.ofMillis(settings.idleSweepMs()), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, TelemetryEvent> record) {
        final long now = context.currentSystemTimeMs();
        final TelemetryEvent event = record.value();
        if (keyFromValue) {
            EventValidator.validateValue(event, now);
        } else {
            EventValidator.validate(record.key(), event, now);
        }
        final String userKey = EventValidator.userKey(event);
        DetectionState state = states.get(userKey);
        if (state == null) {
            state = UserDetector.newState(event.getAppId(), userRefs.userRef(event.getAppId(), event.getUserId()));
        }
        final DetectorOutcome outcome = detector.onEvent(state, event, record.timestamp(), now);
        // saved even for a duplicate: it re-indexes the state should a replay under at-least-once
        // have restored the state without its index entry
        save(userKey, state);
        emit(state, outcome, record.timestamp(), now);
    }

    private void sweep(long now) {
        for (final DueIndex.Due entry : due.dueUpTo(now, SWEEP_LIMIT)) {
            final DetectionState state = states.get(entry.userKey());
            if (state == null || state.getDueAt() != entry.dueAt()) {
                due.remove(entry.dueAt(), entry.userKey());
                continue;
            }
            final DetectorOutcome outcome = detector.onTime(state, now);
            // the visit consumes the entry: save indexes the state again at its next due time
            due.remove(entry.dueAt(), entry.userKey());
            state.setDueAt(-1);
            save(entry.userKey(), state);
            emit(state, outcome, now, now);
        }
    }

    private void save(String userKey, DetectionState state) {
        if (detector.isEmpty(state)) {
            due.remove(state.getDueAt(), userKey);
            states.delete(userKey);
            return;
        }
        final long next = detector.nextDue(state);
        final long indexed = next == Long.MAX_VALUE ? -1 : next;
        final long current = state.getDueAt();
        // An entry due earlier than needed stays: the sweep then visits the user early, which does
        // no work (time-driven work only does what is due) and re-indexes it. So an active user,
        // whose due time moves later with every event, costs no index writes per event.
        if (indexed < 0 || current < 0 || indexed < current) {
            due.remove(current, userKey);
            if (indexed >= 0) {
                due.add(indexed, userKey);
            }
            state.setDueAt(indexed);
        }
        states.put(userKey, state);
    }

    private void emit(DetectionState state, DetectorOutcome outcome, long recordTimestamp, long now) {
        if (outcome.duplicate()) {
            metrics.duplicateEvent();
        }
        if (outcome.eventType() != null) {
            metrics.event(outcome.eventType());
        }
        for (int i = 0; i < outcome.gapsSkipped(); i++) {
            metrics.sequenceGap();
        }
        final String appId = state.getAppId();
        for (final AppActivity activity : outcome.activity()) {
            context.forward(new Record<>(appId, new DetectionOutput.ActivityOutput(activity), recordTimestamp));
        }
        for (final Finding finding : outcome.findings()) {
            final Violation violation = ViolationFactory.violation(finding, appId, state.getUserRef(), now);
            context.forward(new Record<>(appId, new DetectionOutput.ViolationOutput(violation), recordTimestamp));
            metrics.violation(violation.getRule().name(), violation.getSeverity().name(),
                    violation.getConfidence().name());
            metrics.detectionLatency(Duration.ofMillis(now - finding.decidingRecordTimestamp()));
        }
    }
}
