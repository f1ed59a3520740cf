package io.authwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authwatch.internal.DetectionState;
import io.authwatch.rules.UserDetector;
import org.junit.jupiter.api.Test;

class HotStatesTest {

    @Test
    void shouldForgetTheLeastRecentlyUsedStateBeyondItsCapacity() {
        // Given a cache of two states
        final HotStates hot = new HotStates(2);
        final DetectionState a = UserDetector.newState("app", "ref-a");
        final DetectionState b = UserDetector.newState("app", "ref-b");
        final DetectionState c = UserDetector.newState("app", "ref-c");
        hot.put("a", a);
        hot.put("b", b);

        // When a is used again and a third state comes in
        assertThat(hot.get("a")).isSameAs(a);
        hot.put("c", c);

        // Then b, the least recently used, is the one forgotten
        assertThat(hot.get("b")).isNull();
        assertThat(hot.get("a")).isSameAs(a);
        assertThat(hot.get("c")).isSameAs(c);
        assertThat(hot.size()).isEqualTo(2);
    }

    @Test
    void shouldHoldNothingWithCapacityZeroAndRefuseANegativeOne() {
        final HotStates none = new HotStates(0);
        none.put("a", UserDetector.newState("app", "ref-a"));
        assertThat(none.get("a")).isNull();
        assertThatThrownBy(() -> new HotStates(-1)).hasMessageContaining("-1");
    }
}
