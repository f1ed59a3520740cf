package io.authwatch.simulator;

/** What one visit will be: an example case, a near-miss, or an ordinary visit (exactly one is set). */
record VisitPlan(ViolationCase violation, NearMissKind nearMiss, BackgroundVisits.Shape shape) {

    /** A violating app shows its case at the plant rate; any visit may be a near-miss; the rest are ordinary. */
    static VisitPlan draw(SimApp app, GeneratorSettings settings, Dice dice) {
        if (app.violating() && dice.chance(settings.plantRate())) {
            return new VisitPlan(app.violation(), null, null);
        }
        if (dice.chance(settings.nearMissRate())) {
            return new VisitPlan(null, NearMissVisits.draw(dice), null);
        }
        return background(app, dice);
    }

    static VisitPlan background(SimApp app, Dice dice) {
        return new VisitPlan(null, null, BackgroundVisits.shapeFor(app, dice));
    }

    /** Whether the visit has phone prompts (so the user must have no standing refusal). */
    boolean prompts() {
        return shape == null;
    }

    String scenario() {
        if (violation != null) {
            return violation.scenario();
        }
        return nearMiss != null ? NearMissVisits.scenario(nearMiss) : shape.scenario;
    }

    void write(Story story, long start) {
        if (violation != null) {
            ViolationVisits.write(violation, story, start);
        } else if (nearMiss != null) {
            NearMissVisits.write(nearMiss, story, start);
        } else {
            BackgroundVisits.write(shape, story, start);
        }
    }
}
