package io.authwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromQlExpressionsTest {

    @Test
    void shouldTurnComparisonsIntoBoolComparisonsOutsideLabelMatchers() {
        assertThat(PromQlExpressions.comparisonsAsBool("sum(rate(x[5m])) > 0.1"))
                .isEqualTo("sum(rate(x[5m])) > bool 0.1");
        assertThat(PromQlExpressions.comparisonsAsBool("up{job=\"a\",x!=\"b\",y=~\"c>d\"} == 0"))
                .isEqualTo("up{job=\"a\",x!=\"b\",y=~\"c>d\"} == bool 0");
        assertThat(PromQlExpressions.comparisonsAsBool("a >= 1 and b <= 2 or c != 3 unless d < 4"))
                .isEqualTo("a >= bool 1 and b <= bool 2 or c != bool 3 unless d < bool 4");
        assertThat(PromQlExpressions.comparisonsAsBool("a > bool 1")).isEqualTo("a > bool 1");
    }

    @Test
    void shouldCollectEveryDashboardTargetAndEveryAlert() {
        final Map<String, String> all = PromQlExpressions.all();
        assertThat(all).containsKey("alert AuthwatchStreamThreadDead").containsKey("alert AuthwatchConsumerLagGrowing");
        assertThat(all.keySet()).filteredOn(k -> k.startsWith("panel")).hasSizeGreaterThan(20);
        assertThat(all.values()).noneMatch(e -> e.contains("$"));
        assertThat(all.get("alert AuthwatchNoEvents")).isEqualTo("sum by (job) (rate(authwatch_events_total{job=\"authwatch\"}[10m])) == bool 0");
    }
}
