package io.authwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.policy.PathCategory;
import io.authwatch.simulator.GeneratorSettings;
import io.authwatch.simulator.NearMiss;
import io.authwatch.simulator.PlantedViolation;
import io.authwatch.simulator.TrafficGenerator;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import io.authwatch.violation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyTest {

    private final TrafficGenerator.Dataset data = TrafficGenerator.dataset(GeneratorSettings.builder().seed(3)
            .totalEvents(8_000).users(100_000).build());

    @Test
    void shouldScorePerfectDetectionAsOne() {
        // Given exactly the planted violations
        final List<Violation> detected = data.truth().violations().stream().map(AccuracyTest::detection).toList();
        // When scored
        final Accuracy a = Accuracy.score(data.truth(), detected);
        // Then precision and recall are 1 and nothing is off
        assertThat(a.precision()).isEqualTo(1.0);
        assertThat(a.recall()).isEqualTo(1.0);
        assertThat(a.truePositives()).isEqualTo(data.truth().violations().size());
        assertThat(a.examples()).isEmpty();
    }

    @Test
    void shouldCountMissesFalseAlarmsDuplicatesAndWrongSeverity() {
        // Given the planted violations but the first, one twice, one with another severity, and a near-miss flagged
        final List<PlantedViolation> planted = data.truth().violations();
        final List<Violation> detected = new ArrayList<>();
        planted.stream().skip(1).map(AccuracyTest::detection).forEach(detected::add);
        detected.add(detection(planted.get(1)));
        final Violation milder = detection(planted.get(2));
        milder.setSeverity(milder.getSeverity() == Severity.HIGH ? Severity.MEDIUM : Severity.HIGH);
        detected.set(1, milder);
        final NearMiss nearMiss = data.truth().nearMisses().get(0);
        detected.add(violation(RuleId.NON_ESSENTIAL_SECTION_PROMPT, nearMiss.promptEventId(), nearMiss.appId(),
                Severity.MEDIUM, Confidence.CONFIRMED));
        // When scored
        final Accuracy a = Accuracy.score(data.truth(), detected);
        // Then each is counted where it belongs
        final long n = planted.size();
        assertThat(a.falseNegatives()).isEqualTo(1);
        assertThat(a.truePositives()).isEqualTo(n - 1);
        assertThat(a.duplicateEmissions()).isEqualTo(1);
        assertThat(a.severityMismatches()).isEqualTo(1);
        assertThat(a.falsePositives()).isEqualTo(1);
        assertThat(a.falsePositivesByCause()).containsEntry("near-miss " + nearMiss.kind(), 1L);
        assertThat(a.recall()).isEqualTo((n - 1) / (double) n);
        assertThat(a.precision()).isEqualTo((n - 1) / (double) n);
    }

    private static Violation detection(PlantedViolation p) {
        return violation(p.rule(), p.promptEventId(), p.appId(), p.severity(), p.confidence());
    }

    private static Violation violation(RuleId rule, String promptEventId, String appId, Severity severity,
                                       Confidence confidence) {
        return Violation.newBuilder().setViolationId(rule + "/" + promptEventId).setRule(rule).setRuleCase("x")
                .setSeverity(severity).setConfidence(confidence).setAppId(appId).setSessionId("s").setUserRef("u")
                .setPath("p").setCategory(PathCategory.BROWSE).setPromptEventId(promptEventId)
                .setEventTime(Instant.EPOCH).setDetectedAt(Instant.EPOCH).setReason("r").setEvidence(List.of())
                .setPolicyVersion(1).build();
    }
}
