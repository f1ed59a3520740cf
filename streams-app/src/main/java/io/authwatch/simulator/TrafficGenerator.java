package io.authwatch.simulator;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Realistic mini-program telemetry with ground truth. Visits arrive at random (in event time); each
 * is written by a script — ordinary browsing or ordering, a compliant near-miss, or, in a violating
 * app, its example case — for a user who is free and, when the visit prompts, has no standing
 * refusal. Events come out in delivery order (out of order within sessions and duplicated at the
 * configured rates). The same settings give the same records, byte for byte.
 *
 * <p>Finite when {@link GeneratorSettings#totalEvents()} is set (a dataset for tests and
 * benchmarks; {@link #groundTruth()} is complete once {@link #hasNext()} is false), endless
 * otherwise (a stream for the demo, see {@link PacedStream}). Not thread-safe.
 */
public final class TrafficGenerator implements Iterator<GeneratedEvent> {

    private static final long GAP_BETWEEN_VISITS_MS = 60_000;
    private static final Comparator<Pending> DELIVERY_ORDER =
            Comparator.comparingLong(Pending::time).thenComparingLong(Pending::order);

    private record Pending(long time, long order, GeneratedEvent event) {
    }

    private final GeneratorSettings settings;
    private final Dice dice;
    private final AppCatalog catalog;
    private final UserBook users;
    private final GroundTruth truth = new GroundTruth();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(DELIVERY_ORDER);
    private final double meanArrivalGapMs;
    private double nextArrival;
    private long planned;
    private long nextOrder;

    public TrafficGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.dice = new Dice(settings.seed());
        this.catalog = new AppCatalog(settings);
        this.users = new UserBook(settings);
        this.meanArrivalGapMs = 1000.0 / settings.visitsPerSecond();
        this.nextArrival = settings.startTime().toEpochMilli();
    }

    /** Every record of a finite dataset, in delivery order, and its ground truth. */
    public static Dataset dataset(GeneratorSettings settings) {
        if (settings.totalEvents() == 0) {
            throw new IllegalArgumentException("an endless generator has no dataset; set totalEvents");
        }
        final TrafficGenerator generator = new TrafficGenerator(settings);
        final List<GeneratedEvent> events = new ArrayList<>();
        generator.forEachRemaining(events::add);
        return new Dataset(List.copyOf(events), generator.groundTruth(), generator.policies());
    }

    /** A finite dataset: records in delivery order, the ground truth, the per-app policies. */
    public record Dataset(List<GeneratedEvent> events, GroundTruth truth, List<AppPathPolicy> policies) {
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** What was planted so far; complete once the iterator is exhausted. */
    public GroundTruth groundTruth() {
        return truth;
    }

    /** The path policy of every simulated app (publish these before the telemetry). */
    public List<AppPathPolicy> policies() {
        return catalog.apps().stream().map(a -> SimulatorPolicy.forApp(a.appId())).toList();
    }

    /** The violating apps and the case each shows. */
    public Map<String, ViolationCase> violatingApps() {
        final Map<String, ViolationCase> out = new LinkedHashMap<>();
        catalog.apps().stream().filter(SimApp::violating).forEach(a -> out.put(a.appId(), a.violation()));
        return out;
    }

    /** Every simulated appId. */
    public List<String> appIds() {
        return catalog.apps().stream().map(SimApp::appId).toList();
    }

    @Override
    public boolean hasNext() {
        fill();
        return !queue.isEmpty();
    }

    @Override
    public GeneratedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the dataset is exhausted");
        }
        final GeneratedEvent event = queue.poll().event();
        truth.countDelivery(event.label());
        return event;
    }

    /** Plans visits until the earliest pending record can no longer be preceded by a new visit. */
    private void fill() {
        while (mayPlan() && (queue.isEmpty() || (long) nextArrival <= queue.peek().time())) {
            planVisit();
        }
    }

    private boolean mayPlan() {
        return settings.totalEvents() == 0 || planned < settings.totalEvents();
    }

    private void planVisit() {
        final long arrival = (long) nextArrival;
        nextArrival += dice.exponential(meanArrivalGapMs);
        final SimApp app = catalog.draw(dice);
        final VisitPlan plan = VisitPlan.draw(app, settings, dice);
        int user = users.pick(app, arrival, plan.prompts(), dice);
        VisitPlan chosen = plan;
        if (user < 0 && plan.prompts()) {
            chosen = VisitPlan.background(app, dice);
            truth.countDemoted();
            user = users.pick(app, arrival, false, dice);
        }
        if (user < 0) {
            return; // every user tried is in a visit right now: a small population, skip this arrival
        }
        final Story story = new Story(chosen.scenario(), app, users.userId(app, user), dice, settings);
        chosen.write(story, arrival);
        story.finish();
        users.visited(app, user, arrival, story.end() + settings.maxDelay().toMillis() + GAP_BETWEEN_VISITS_MS,
                story.endsWithRefusal());
        schedule(story);
    }

    private void schedule(Story story) {
        truth.countVisit(story.scenario(), story.sessions().size());
        final Map<String, EventLabel> labels = new HashMap<>();
        for (final Story.Expectation e : story.expectations()) {
            final EventLabel old = labels.get(e.prompt().eventId());
            final List<String> cases = new ArrayList<>(old == null ? List.of() : old.ruleCases());
            cases.add(e.ruleCase());
            labels.put(e.prompt().eventId(), new EventLabel(story.scenario(), EventLabel.Intent.VIOLATION, cases,
                    false, false));
        }
        for (final Story.Mark m : story.marks()) {
            labels.put(m.prompt().eventId(), new EventLabel(story.scenario(), EventLabel.Intent.NEAR_MISS, List.of(),
                    false, false));
        }
        final EventLabel background = new EventLabel(story.scenario(), EventLabel.Intent.BACKGROUND, List.of(), false,
                false);
        final List<SessionDelivery> deliveries = new ArrayList<>();
        for (final SessionWriter session : story.sessions()) {
            final SessionDelivery delivery = SessionDelivery.plan(session.events(), nextOrder, settings, dice);
            nextOrder += 3L * session.events().size() + 3;
            deliveries.add(delivery);
            enqueue(story, delivery.firstCopies(), labels, background);
            enqueue(story, delivery.duplicates(), labels, background);
        }
        if (settings.keepGroundTruth()) {
            GroundTruthWriter.record(truth, story, deliveries);
        }
    }

    private void enqueue(Story story, List<SessionDelivery.Item> items, Map<String, EventLabel> labels,
                         EventLabel background) {
        for (final SessionDelivery.Item item : items) {
            final TelemetryEvent value = item.event();
            final EventLabel base = labels.getOrDefault(value.getEventId(), background);
            final EventLabel label = new EventLabel(base.scenario(), base.intent(), base.ruleCases(), item.duplicate(),
                    item.displaced());
            final String key = value.getAppId() + ":" + value.getUserId();
            queue.add(new Pending(item.time(), item.order(), new GeneratedEvent(key, value, item.time(), label)));
            planned++;
        }
    }
}
