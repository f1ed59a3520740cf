package io.authwatch.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The simulated apps: ids, kinds, which ones violate (each violating app shows one example case,
 * the cases dealt round-robin so each appears), and popularity (Zipf-like, so a few apps carry
 * much of the traffic, as on a real platform).
 */
final class AppCatalog {

    private static final double ZIPF_EXPONENT = 0.7;
    private static final List<String> CLIENT_VERSIONS = List.of("8.0.49", "8.0.50", "8.0.53", "3.6.2");

    private final List<SimApp> apps;
    private final double[] cumulativeWeight;

    AppCatalog(GeneratorSettings settings) {
        final Dice dice = new Dice(Dice.mix(settings.seed() ^ 0x61707073L));
        final int n = settings.apps();
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(Dice.mix(settings.seed())));
        final int violating = (int) Math.round(n * settings.violatingAppShare());
        final List<ViolationCase> cases = sorted(settings.cases());
        final ViolationCase[] caseOf = new ViolationCase[n];
        for (int k = 0; k < violating; k++) {
            caseOf[order.get(k)] = cases.get(k % cases.size());
        }
        this.apps = new ArrayList<>(n);
        this.cumulativeWeight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            final String appId = "wx" + Dice.hex(Dice.mix(Dice.mix(settings.seed()) + i), 16);
            apps.add(new SimApp(i, appId, kindFor(caseOf[i], dice), caseOf[i], dice.pick(CLIENT_VERSIONS)));
            total += 1 / Math.pow(i + 1, ZIPF_EXPONENT);
            cumulativeWeight[i] = total;
        }
        for (int i = 0; i < n; i++) {
            cumulativeWeight[i] /= total;
        }
    }

    List<SimApp> apps() {
        return Collections.unmodifiableList(apps);
    }

    /** An app drawn by popularity. */
    SimApp draw(Dice dice) {
        final double u = dice.unit();
        int lo = 0;
        int hi = cumulativeWeight.length - 1;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (cumulativeWeight[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return apps.get(lo);
    }

    private static SimApp.Kind kindFor(ViolationCase violation, Dice dice) {
        if (violation == null) {
            return dice.pick(List.of(SimApp.Kind.RETAIL, SimApp.Kind.RESTAURANT, SimApp.Kind.CONTENT));
        }
        return switch (violation) {
            case IN_STORE_CHECKOUT, DINE_IN_ORDER, MEMBERSHIP_WHILE_ORDERING -> SimApp.Kind.RESTAURANT;
            case PAGE_OPTION_GATE, GOODS_GATE, REPROMPT_LOOP, REPROMPT_ON_REOPEN -> SimApp.Kind.RETAIL;
            default -> dice.pick(List.of(SimApp.Kind.RETAIL, SimApp.Kind.RESTAURANT, SimApp.Kind.CONTENT));
        };
    }

    private static List<ViolationCase> sorted(Set<ViolationCase> cases) {
        final List<ViolationCase> out = new ArrayList<>(cases);
        Collections.sort(out);
        return out;
    }
}
