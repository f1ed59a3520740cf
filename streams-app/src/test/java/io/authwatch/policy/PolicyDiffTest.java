package io.authwatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PolicyDiff}: rules matched by pattern, changes in rule order. */
class PolicyDiffTest {

    @Test
    void shouldListARuleThatMovedBecauseTheFirstMatchWins() {
        // Given two rules whose order decides which matches first
        final AppPathPolicy current = policy(1, "{\"pattern\":\"pages/a/**\",\"category\":\"BROWSE\"},"
                + "{\"pattern\":\"pages/**\",\"category\":\"ACCOUNT\"}");
        final AppPathPolicy swapped = policy(2, "{\"pattern\":\"pages/**\",\"category\":\"ACCOUNT\"},"
                + "{\"pattern\":\"pages/a/**\",\"category\":\"BROWSE\"}");

        // When they are swapped
        final PolicyDiff diff = PolicyDiff.between(Optional.of(current), swapped);

        // Then the change is shown, though no rule was added, removed or re-categorised
        assertThat(diff.changes()).extracting(PolicyDiff.Change::describe).containsExactly(
                "> rules[0] pages/** ACCOUNT (was rules[1]: it is now tried in another order)",
                "> rules[1] pages/a/** BROWSE (was rules[0]: it is now tried in another order)");
    }

    @Test
    void shouldShowNoChangeForTheSameRules() {
        final AppPathPolicy current = policy(1, "{\"pattern\":\"pages/a/**\",\"category\":\"BROWSE\"}");

        assertThat(PolicyDiff.between(Optional.of(current), policy(2, "{\"pattern\":\"pages/a/**\",\"category\":"
                + "\"BROWSE\",\"note\":\"new note\"}")).changes()).isEmpty();
    }

    @Test
    void shouldNotCallARuleMovedWhenOnlyAnInsertionShiftedIt() {
        final AppPathPolicy current = policy(1, "{\"pattern\":\"pages/a/**\",\"category\":\"BROWSE\"},"
                + "{\"pattern\":\"pages/b/**\",\"category\":\"PRODUCT\"}");
        final AppPathPolicy inserted = policy(2, "{\"pattern\":\"pages/new/**\",\"category\":\"SEARCH\"},"
                + "{\"pattern\":\"pages/a/**\",\"category\":\"BROWSE\"},"
                + "{\"pattern\":\"pages/b/**\",\"category\":\"PRODUCT\"}");

        assertThat(PolicyDiff.between(Optional.of(current), inserted).changes())
                .extracting(PolicyDiff.Change::describe).containsExactly("+ rules[0] pages/new/** SEARCH");
    }

    private static AppPathPolicy policy(long version, String rules) {
        return PolicyFile.parse("{\"appId\":\"wx\",\"version\":" + version + ",\"rules\":[" + rules + "]}", "test");
    }
}
