package io.authwatch.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of the runs: rounds, each running every contender once, the order rotated by one
 * place per round. So no contender always runs first (cold page cache, fresh broker) or always
 * after the same neighbour, with {@code n} rounds of {@code n} contenders each holds every
 * position once, and a contender's runs are spread over the whole session instead of back to
 * back (a drift of the machine's load then widens every range alike rather than favouring one).
 */
final class CompareSchedule {

    private CompareSchedule() {
    }

    static <T> List<List<T>> rounds(List<T> contenders, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("at least one round, not " + rounds);
        }
        final List<List<T>> out = new ArrayList<>();
        final int n = contenders.size();
        for (int r = 0; r < rounds; r++) {
            final List<T> round = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                round.add(contenders.get((i + r) % n));
            }
            out.add(List.copyOf(round));
        }
        return List.copyOf(out);
    }
}
