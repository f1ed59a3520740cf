package io.authwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompareScheduleTest {

    @Test
    void shouldRunEveryContenderOncePerRound() {
        final List<List<String>> rounds = CompareSchedule.rounds(List.of("a", "b", "c", "d"), 3);
        assertThat(rounds).hasSize(3);
        assertThat(rounds).allSatisfy(r -> assertThat(r).containsExactlyInAnyOrder("a", "b", "c", "d"));
    }

    @Test
    void shouldRotateTheOrderSoThatEachContenderHoldsEveryPositionOnce() {
        final List<String> names = Contender.all().stream().map(Contender::name).toList();
        final List<List<String>> rounds = CompareSchedule.rounds(names, names.size());
        for (int position = 0; position < names.size(); position++) {
            final Set<String> there = new HashSet<>();
            for (final List<String> round : rounds) {
                there.add(round.get(position));
            }
            assertThat(there).as("position %d", position).containsExactlyInAnyOrderElementsOf(names);
        }
        assertThat(rounds.get(0)).isEqualTo(names);
    }

    @Test
    void shouldNeverRunAContenderTwiceInARow() {
        final List<String> all = new ArrayList<>();
        CompareSchedule.rounds(List.of("a", "b", "c"), 5).forEach(all::addAll);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i)).as("run %d", i).isNotEqualTo(all.get(i - 1));
        }
    }

    @Test
    void shouldRefuseZeroRounds() {
        assertThatThrownBy(() -> CompareSchedule.rounds(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSelectContendersByNameInTheirOwnOrderAndRefuseUnknownNames() {
        assertThat(Contender.select(List.of("authwatch-eos-100ms", "flinkcep-1.1"))).extracting(Contender::name)
                .containsExactly("flinkcep-1.1", "authwatch-eos-100ms");
        assertThat(Contender.select(List.of())).hasSize(9);
        assertThatThrownBy(() -> Contender.select(List.of("spark"))).hasMessageContaining("unknown contender spark");
    }
}
