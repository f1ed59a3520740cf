package io.authwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@link TrafficGenerator} produces. Every field has a default; the same settings (seed
 * included) always give the same events, byte for byte.
 *
 * @param seed               seeds every random choice
 * @param apps               number of mini-programs
 * @param users              distinct users, spread evenly over the apps (user ids are per app)
 * @param totalEvents        stop planning new visits once this many events are planned (the
 *                           dataset ends slightly above it, with every visit complete); 0 = endless
 * @param violatingAppShare  share of apps that each show one platform example case
 * @param plantRate          share of a violating app's visits that show its case
 * @param nearMissRate       share of the other visits that are compliant near-misses (visits with
 *                           prompts that look like a violation but are not one)
 * @param outOfOrderRate     share of events delivered after later events of their session
 * @param maxDisplacement    how many positions an event may be displaced within its session
 * @param maxDelay           how late (event time) a displaced event may be delivered
 * @param duplicateRate      share of events delivered twice (same eventId, as a producer retry)
 * @param startTime          event time of the first visit
 * @param visitsPerSecond    arrival rate of visits, in event time
 * @param forcedWindow       the contract's {@code rule.forced-window}, planted cases respect it
 * @param repromptCooldown   the contract's {@code rule.reprompt.cooldown}
 * @param returningUserShare share of visits by a user who visited the app recently
 * @param meanBrowseSteps    mean number of browsing steps (a scroll, or a tap and a page) per session
 * @param cases              the example cases violating apps may show
 * @param keepGroundTruth    whether to record the ground truth (an endless demo stream need not)
 */
public record GeneratorSettings(long seed, int apps, long users, long totalEvents, double violatingAppShare,
                                double plantRate, double nearMissRate, double outOfOrderRate, int maxDisplacement,
                                Duration maxDelay, double duplicateRate, Instant startTime, double visitsPerSecond,
                                Duration forcedWindow, Duration repromptCooldown, double returningUserShare,
                                double meanBrowseSteps, Set<ViolationCase> cases, boolean keepGroundTruth) {

    public GeneratorSettings {
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(forcedWindow, "forcedWindow");
        Objects.requireNonNull(repromptCooldown, "repromptCooldown");
        cases = Set.copyOf(Objects.requireNonNull(cases, "cases"));
        positive("apps", apps);
        positive("users", users);
        if (users < apps) {
            throw new IllegalArgumentException("users (" + users + ") must be at least apps (" + apps + ")");
        }
        if (users / apps > Integer.MAX_VALUE || users > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("users must be at most " + Integer.MAX_VALUE);
        }
        if (totalEvents < 0) {
            throw new IllegalArgumentException("totalEvents must be 0 (endless) or positive");
        }
        share("violatingAppShare", violatingAppShare);
        share("plantRate", plantRate);
        share("nearMissRate", nearMissRate);
        share("outOfOrderRate", outOfOrderRate);
        share("duplicateRate", duplicateRate);
        share("returningUserShare", returningUserShare);
        if (maxDisplacement < 1) {
            throw new IllegalArgumentException("maxDisplacement must be at least 1");
        }
        if (!(visitsPerSecond > 0) || !(meanBrowseSteps >= 0)) {
            throw new IllegalArgumentException("visitsPerSecond must be positive and meanBrowseSteps not negative");
        }
        if (forcedWindow.compareTo(Duration.ofSeconds(10)) < 0 || repromptCooldown.compareTo(Duration.ofHours(1)) < 0) {
            // the scripts keep their in-window evidence within ~5 s and re-open within 30 min
            throw new IllegalArgumentException("forcedWindow must be at least PT10S and repromptCooldown at least PT1H");
        }
        if (violatingAppShare > 0 && cases.isEmpty()) {
            throw new IllegalArgumentException("cases must not be empty when violatingAppShare > 0");
        }
    }

    /** The defaults: 50 apps, 5 000 users, 10 000 events, 20 % violating apps, every case. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }

    /** Builds {@link GeneratorSettings}; unset fields keep their defaults. */
    public static final class Builder {
        private long seed = 42;
        private int apps = 50;
        private long users = 5_000;
        private long totalEvents = 10_000;
        private double violatingAppShare = 0.2;
        private double plantRate = 0.35;
        private double nearMissRate = 0.25;
        private double outOfOrderRate = 0.05;
        private int maxDisplacement = 3;
        private Duration maxDelay = Duration.ofSeconds(5);
        private double duplicateRate = 0.02;
        private Instant startTime = Instant.parse("2025-06-02T01:00:00Z");
        private double visitsPerSecond = 20;
        private Duration forcedWindow = Duration.ofSeconds(30);
        private Duration repromptCooldown = Duration.ofHours(48);
        private double returningUserShare = 0.3;
        private double meanBrowseSteps = 6;
        private Set<ViolationCase> cases = EnumSet.allOf(ViolationCase.class);
        private boolean keepGroundTruth = true;

        private Builder() {
        }

        private Builder(GeneratorSettings s) {
            seed = s.seed;
            apps = s.apps;
            users = s.users;
            totalEvents = s.totalEvents;
            violatingAppShare = s.violatingAppShare;
            plantRate = s.plantRate;
            nearMissRate = s.nearMissRate;
            outOfOrderRate = s.outOfOrderRate;
            maxDisplacement = s.maxDisplacement;
            maxDelay = s.maxDelay;
            duplicateRate = s.duplicateRate;
            startTime = s.startTime;
            visitsPerSecond = s.visitsPerSecond;
            forcedWindow = s.forcedWindow;
            repromptCooldown = s.repromptCooldown;
            returningUserShare = s.returningUserShare;
            meanBrowseSteps = s.meanBrowseSteps;
            cases = s.cases;
            keepGroundTruth = s.keepGroundTruth;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder apps(int v) { apps = v; return this; }
        public Builder users(long v) { users = v; return this; }
        public Builder totalEvents(long v) { totalEvents = v; return this; }
        public Builder endless() { totalEvents = 0; return this; }
        public Builder violatingAppShare(double v) { violatingAppShare = v; return this; }
        public Builder plantRate(double v) { plantRate = v; return this; }
        public Builder nearMissRate(double v) { nearMissRate = v; return this; }
        public Builder outOfOrderRate(double v) { outOfOrderRate = v; return this; }
        public Builder maxDisplacement(int v) { maxDisplacement = v; return this; }
        public Builder maxDelay(Duration v) { maxDelay = v; return this; }
        public Builder duplicateRate(double v) { duplicateRate = v; return this; }
        public Builder startTime(Instant v) { startTime = v; return this; }
        public Builder visitsPerSecond(double v) { visitsPerSecond = v; return this; }
        public Builder forcedWindow(Duration v) { forcedWindow = v; return this; }
        public Builder repromptCooldown(Duration v) { repromptCooldown = v; return this; }
        public Builder returningUserShare(double v) { returningUserShare = v; return this; }
        public Builder meanBrowseSteps(double v) { meanBrowseSteps = v; return this; }
        public Builder cases(Set<ViolationCase> v) { cases = v; return this; }
        public Builder keepGroundTruth(boolean v) { keepGroundTruth = v; return this; }

        public GeneratorSettings build() {
            return new GeneratorSettings(seed, apps, users, totalEvents, violatingAppShare, plantRate, nearMissRate,
                    outOfOrderRate, maxDisplacement, maxDelay, duplicateRate, startTime, visitsPerSecond,
                    forcedWindow, repromptCooldown, returningUserShare, meanBrowseSteps, cases, keepGroundTruth);
        }
    }
}
