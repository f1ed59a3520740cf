package io.authwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompareMathTest {

    @Test
    void shouldTakeTheMiddleValueAsTheMedianOfAnOddCount() {
        final CompareMath.Spread s = CompareMath.spread(List.of(140_000.0, 98_000.0, 153_000.0));
        assertThat(s.median()).isEqualTo(140_000.0);
        assertThat(s.min()).isEqualTo(98_000.0);
        assertThat(s.max()).isEqualTo(153_000.0);
        assertThat(s.n()).isEqualTo(3);
    }

    @Test
    void shouldAverageTheMiddleTwoOfAnEvenCountAndIgnoreMissingValues() {
        final CompareMath.Spread s = CompareMath.spread(Arrays.asList(4.0, 1.0, Double.NaN, 3.0, null, 2.0));
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.n()).isEqualTo(4);
        assertThat(CompareMath.spread(List.of(Double.NaN))).isNull();
    }

    @Test
    void shouldDivideRecordsByTheWindowInSeconds() {
        assertThat(CompareMath.rate(2_000_000, 1_000_000_000L, 21_000_000_000L)).isEqualTo(100_000.0);
        assertThatThrownBy(() -> CompareMath.rate(10, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CompareMath.perMillion(30, 2_000_000)).isEqualTo(15.0);
        assertThat(CompareMath.perMillion(30, 0)).isNaN();
    }

    @Test
    void shouldReadUserAndSystemTimeEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        final String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1530 270 0 0 20 0 31 0 99 0";
        assertThat(CompareMath.cpuTicks(stat)).isEqualTo(1530 + 270);
    }

    @Test
    void shouldInterpolateACumulativeTimelineBetweenSamples() {
        final List<CompareMath.Point> cpu = List.of(new CompareMath.Point(100, 1.0), new CompareMath.Point(200, 3.0),
                new CompareMath.Point(300, 4.0));
        assertThat(CompareMath.at(cpu, 150)).isCloseTo(2.0, within(1e-9));
        assertThat(CompareMath.at(cpu, 200)).isEqualTo(3.0);
        assertThat(CompareMath.at(cpu, 50)).isEqualTo(1.0);
        assertThat(CompareMath.at(cpu, 900)).isEqualTo(4.0);
        assertThat(CompareMath.delta(cpu, 150, 250)).isCloseTo(1.5, within(1e-9));
        assertThat(CompareMath.at(List.of(), 1)).isNaN();
    }

    @Test
    void shouldEndTheWindowAtTheFirstSampleThatCoversTheInput() {
        final List<CompareMath.Point> committed = List.of(new CompareMath.Point(10, 0), new CompareMath.Point(20, 500),
                new CompareMath.Point(30, 1000), new CompareMath.Point(40, 1000));
        assertThat(CompareMath.firstReaching(committed, 1000).getAsDouble()).isEqualTo(30.0);
        assertThat(CompareMath.firstReaching(committed, 1001)).isEmpty();
    }

    @Test
    void shouldClassifyTopicsByTheRunThatWroteThem() {
        final String app = "compare-authwatch-eos-100ms-r1-abc123";
        final Set<String> outputs = Set.of("compare.violations." + app);
        assertThat(CompareMath.kind(app + "-detection-state-changelog", app, outputs))
                .isEqualTo(CompareMath.TopicKind.CHANGELOG);
        assertThat(CompareMath.kind(app + "-violations-by-app-repartition", app, outputs))
                .isEqualTo(CompareMath.TopicKind.REPARTITION);
        assertThat(CompareMath.kind("compare.violations." + app, app, outputs)).isEqualTo(CompareMath.TopicKind.OUTPUT);
        assertThat(CompareMath.kind("compare.telemetry", app, outputs)).isNull();
        assertThat(CompareMath.kind("compare-authwatch-eos-100ms-r2-def456-x-changelog", app, outputs)).isNull();
    }

    @Test
    void shouldParseThePeersResultAndDetailLines() {
        final String result = "mode=cep records=2000000 matches=61535 seconds=18.854 rate=106080";
        assertThat(CompareMath.longField(result, "matches", -1)).isEqualTo(61535);
        assertThat(CompareMath.fields(result)).containsEntry("seconds", "18.854").containsEntry("mode", "cep");
        final String detail = "# cep: startup_seconds=4.12 (JVM start to first record) bad_records=0 late_events=3"
                + " job_seconds=23.01";
        assertThat(CompareMath.longField(detail, "late_events", -1)).isEqualTo(3);
        assertThat(CompareMath.longField(detail, "bad_records", -1)).isZero();
        assertThat(CompareMath.longField(detail, "missing", -1)).isEqualTo(-1);
        final String generated = "# generate: topic=t schema-id=1 partitions=4 apps=100 users=88889 sessions~243000";
        assertThat(CompareMath.longField(generated, "users", -1)).isEqualTo(88889);
    }
}
