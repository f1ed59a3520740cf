package io.authwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.policy.PathCategory;
import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final GeneratorSettings SMALL = GeneratorSettings.builder().seed(7).apps(40).users(4_000)
            .totalEvents(20_000).build();

    @Test
    void shouldGiveTheSameRecordsByteForByteForTheSameSeed() {
        // Given two generators with the same settings
        // When both run to the end
        final byte[] first = bytesOf(TrafficGenerator.dataset(SMALL));
        final byte[] second = bytesOf(TrafficGenerator.dataset(SMALL));
        // Then every record, key, delivery time and label is identical
        assertThat(first).isEqualTo(second);
        assertThat(first.length).isGreaterThan(1_000_000);
    }

    @Test
    void shouldGiveOtherRecordsForAnotherSeed() {
        // Given the same settings but the seed
        final byte[] first = bytesOf(TrafficGenerator.dataset(SMALL));
        final byte[] other = bytesOf(TrafficGenerator.dataset(SMALL.toBuilder().seed(8).build()));
        // Then the datasets differ
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void shouldStopSlightlyAboveTheRequestedSizeWithEveryVisitComplete() {
        // Given a finite dataset of 20 000 records
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(SMALL);
        // Then it holds at least that many and at most one visit more
        assertThat(data.events()).hasSizeBetween(20_000, 20_200);
        // And every session starts with its AppLaunch at seq 0 and has contiguous seqs
        final Map<String, List<TelemetryEvent>> sessions = sessions(data.events());
        assertThat(sessions).hasSizeGreaterThan(1_000);
        sessions.values().forEach(events -> {
            final List<TelemetryEvent> bySeq = events.stream().sorted(Comparator.comparingLong(TelemetryEvent::getSeq))
                    .toList();
            assertThat(bySeq.get(0).getPayload()).isInstanceOf(AppLaunch.class);
            for (int i = 0; i < bySeq.size(); i++) {
                assertThat(bySeq.get(i).getSeq()).isEqualTo(i);
            }
        });
    }

    @Test
    void shouldKeyEveryRecordByAppAndUser() {
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(SMALL);
        assertThat(data.events()).allSatisfy(e ->
                assertThat(e.key()).isEqualTo(e.value().getAppId() + ":" + e.value().getUserId()));
    }

    @Test
    void shouldMakeTheConfiguredShareOfAppsViolatingWithEveryCase() {
        // Given 20 % of 50 apps violating
        final TrafficGenerator generator = new TrafficGenerator(SMALL.toBuilder().apps(50).users(5_000).build());
        generator.forEachRemaining(e -> { });
        // Then ten apps violate, each of the ten cases shown by one of them
        assertThat(generator.violatingApps()).hasSize(10);
        assertThat(EnumSet.copyOf(generator.violatingApps().values())).isEqualTo(EnumSet.allOf(ViolationCase.class));
        // And every case was planted, with every rule and ruleCase of the contract
        final List<PlantedViolation> planted = generator.groundTruth().violations();
        assertThat(planted.stream().map(PlantedViolation::ruleCase).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("1.1", "1.2", "2", "3", "4");
        assertThat(planted.stream().map(PlantedViolation::scenario).collect(Collectors.toSet()))
                .containsAll(EnumSet.allOf(ViolationCase.class).stream().map(ViolationCase::scenario).toList());
        // And planted violations only come from violating apps
        assertThat(planted).allSatisfy(v -> assertThat(generator.violatingApps()).containsKey(v.appId()));
    }

    @Test
    void shouldPlantAtTheConfiguredRateWithinViolatingAppsOnly() {
        // Given half the apps violating, showing their case in 35 % of their visits, and many users
        final GeneratorSettings settings = SMALL.toBuilder().violatingAppShare(0.5).plantRate(0.35)
                .users(400_000).totalEvents(40_000).build();
        final TrafficGenerator generator = new TrafficGenerator(settings);
        final Map<String, String> firstScenarioOfSession = new HashMap<>();
        final Map<String, String> appOfSession = new HashMap<>();
        generator.forEachRemaining(e -> {
            firstScenarioOfSession.putIfAbsent(e.value().getSessionId(), e.label().scenario());
            appOfSession.putIfAbsent(e.value().getSessionId(), e.value().getAppId());
        });
        final Set<String> violating = generator.violatingApps().keySet();
        // Then visits showing a case come from violating apps only
        final Map<Boolean, List<String>> byViolatingApp = firstScenarioOfSession.entrySet().stream().collect(
                Collectors.partitioningBy(en -> violating.contains(appOfSession.get(en.getKey())),
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        assertThat(byViolatingApp.get(false)).noneMatch(s -> s.startsWith("case-"));
        // And about 35 % of the violating apps' visits show it (counted per visit, not per session)
        final Map<String, Long> visits = generator.groundTruth().visitsByScenario();
        final long caseVisits = visits.entrySet().stream().filter(en -> en.getKey().startsWith("case-"))
                .mapToLong(Map.Entry::getValue).sum();
        final long violatingAppSessions = byViolatingApp.get(true).size();
        assertThat(caseVisits).isPositive();
        assertThat((double) caseVisits / violatingAppSessions).isBetween(0.25, 0.40);
        // And with plenty of users, no planned prompt visit had to give way for lack of a user without a refusal
        assertThat(generator.groundTruth().demotedVisits()).isZero();
    }

    @Test
    void shouldDisplaceAndDuplicateAtTheConfiguredRates() {
        // Given 10 % out-of-order and 5 % duplicates
        final GeneratorSettings settings = SMALL.toBuilder().outOfOrderRate(0.10).duplicateRate(0.05)
                .totalEvents(50_000).build();
        final TrafficGenerator generator = new TrafficGenerator(settings);
        final List<GeneratedEvent> events = new ArrayList<>();
        generator.forEachRemaining(events::add);
        final long firstCopies = events.stream().filter(e -> !e.label().duplicate()).count();
        final long duplicates = events.size() - firstCopies;
        final long displaced = events.stream().filter(e -> e.label().displaced()).count();
        // Then about 5 % of events come twice, with the same eventId and content
        assertThat((double) duplicates / firstCopies).isBetween(0.045, 0.055);
        assertThat(generator.groundTruth().duplicates()).isEqualTo(duplicates);
        final Map<String, Long> copies = events.stream().collect(Collectors.groupingBy(e -> e.value().getEventId(),
                Collectors.counting()));
        assertThat(copies.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
        // And about 10 % are displaced (fewer at session ends, where nothing follows, or with long pauses)
        assertThat((double) displaced / firstCopies).isBetween(0.07, 0.10);
        // And the labels match what actually happened
        assertThat(maxDisplacement(events, true)).isPositive();
    }

    @Test
    void shouldNeverDisplaceAnEventMoreThanTheBound() {
        // Given heavy reordering with a bound of 2 positions and 3 s
        final GeneratorSettings settings = SMALL.toBuilder().outOfOrderRate(0.5).maxDisplacement(2)
                .maxDelay(java.time.Duration.ofSeconds(3)).build();
        final List<GeneratedEvent> events = TrafficGenerator.dataset(settings).events();
        // Then in every session the delivery position differs from the seq by at most 2
        assertThat(maxDisplacement(events, false)).isEqualTo(2);
        // And no event is delivered more than 3 s (event time) after it happened, but retries
        assertThat(events).filteredOn(e -> !e.label().duplicate()).allSatisfy(e ->
                assertThat(e.deliverAt() - e.value().getEventTime().toEpochMilli()).isBetween(0L, 3_000L));
        // And delivery times never go backwards
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).deliverAt()).isGreaterThanOrEqualTo(events.get(i - 1).deliverAt());
        }
    }

    @Test
    void shouldDeclareEveryPromptAsPlantedOrNearMiss() {
        // Given a dataset
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(SMALL);
        final Set<String> declared = new HashSet<>();
        data.truth().violations().forEach(v -> declared.add(v.promptEventId()));
        data.truth().nearMisses().forEach(n -> declared.add(n.promptEventId()));
        // Then every prompt is in the ground truth, and labelled as such
        final List<GeneratedEvent> prompts = data.events().stream()
                .filter(e -> e.value().getPayload() instanceof PhoneAuthPrompt).toList();
        assertThat(prompts).hasSizeGreaterThan(500);
        assertThat(prompts).allSatisfy(e -> {
            assertThat(declared).contains(e.value().getEventId());
            assertThat(e.label().intent()).isNotEqualTo(EventLabel.Intent.BACKGROUND);
        });
        // And every near-miss kind occurs
        assertThat(data.truth().nearMisses().stream().map(NearMiss::kind).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(NearMissKind.class));
    }

    @Test
    void shouldEscalateRepeatedRepromptsToHighFromTheThird() {
        // Given apps that keep asking after a refusal within a visit
        final GeneratorSettings settings = SMALL.toBuilder().cases(EnumSet.of(ViolationCase.REPROMPT_LOOP))
                .violatingAppShare(0.1).build();
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(settings);
        final Map<String, List<PlantedViolation>> bySession = data.truth().violations().stream()
                .collect(Collectors.groupingBy(PlantedViolation::sessionId));
        assertThat(bySession).isNotEmpty();
        // Then in each session the first two re-prompts are MEDIUM and any further one HIGH
        bySession.values().forEach(list -> {
            final List<Severity> severities = list.stream().sorted(Comparator.comparingLong(PlantedViolation::promptTime))
                    .map(PlantedViolation::severity).toList();
            for (int i = 0; i < severities.size(); i++) {
                assertThat(severities.get(i)).isEqualTo(i < 2 ? Severity.MEDIUM : Severity.HIGH);
            }
        });
        assertThat(bySession.values()).anySatisfy(list -> assertThat(list).hasSize(3));
        assertThat(data.truth().violations()).allSatisfy(v -> assertThat(v.rule()).isEqualTo(RuleId.REPROMPT_AFTER_DENIAL));
    }

    @Test
    void shouldOnlyUsePagesThePolicyClassifies() {
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(SMALL);
        final Set<String> paths = new HashSet<>();
        data.events().forEach(e -> {
            if (e.value().getPayload() instanceof PageView v) {
                paths.add(v.getPath());
            } else if (e.value().getPayload() instanceof UserInteraction i) {
                paths.add(i.getPath());
            } else if (e.value().getPayload() instanceof PhoneAuthPrompt p) {
                paths.add(p.getPath());
                if (p.getTargetPath() != null) {
                    paths.add(p.getTargetPath());
                }
            }
        });
        assertThat(paths).allSatisfy(p -> assertThat(SimPaths.category(p) != PathCategory.UNCLASSIFIED
                || SimPaths.ACTIVITIES.contains(p)).as(p).isTrue());
        assertThat(data.policies()).hasSize(SMALL.apps());
    }

    @Test
    void shouldNeverOverlapTwoSessionsOfOneUser() {
        final TrafficGenerator.Dataset data = TrafficGenerator.dataset(SMALL.toBuilder().users(400).build());
        final Map<String, long[]> spans = new HashMap<>();
        data.events().forEach(e -> spans.merge(e.value().getSessionId(),
                new long[] {e.deliverAt(), e.deliverAt(), 0},
                (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1]), 0}));
        final Map<String, List<long[]>> byUser = new HashMap<>();
        final Map<String, String> userOf = new HashMap<>();
        data.events().forEach(e -> userOf.put(e.value().getSessionId(), e.key()));
        spans.forEach((session, span) -> byUser.computeIfAbsent(userOf.get(session), k -> new ArrayList<>()).add(span));
        assertThat(byUser.values().stream().filter(l -> l.size() > 1).count()).isGreaterThan(50);
        byUser.values().forEach(list -> {
            list.sort(Comparator.comparingLong(a -> a[0]));
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i)[0]).isGreaterThan(list.get(i - 1)[1]);
            }
        });
    }

    @Test
    void shouldKeepGoingWhenEndless() {
        final TrafficGenerator generator = new TrafficGenerator(SMALL.toBuilder().endless().keepGroundTruth(false)
                .build());
        for (int i = 0; i < 100_000; i++) {
            assertThat(generator.hasNext()).isTrue();
            generator.next();
        }
        assertThat(generator.groundTruth().violations()).isEmpty();
    }

    /** The largest |delivery position − seq| in any session (first copies only). */
    private static int maxDisplacement(List<GeneratedEvent> events, boolean onlyLabelled) {
        final Map<String, Integer> position = new HashMap<>();
        int max = 0;
        for (final GeneratedEvent e : events) {
            if (e.label().duplicate() || onlyLabelled && !e.label().displaced()) {
                if (!e.label().duplicate()) {
                    position.merge(e.value().getSessionId(), 1, Integer::sum);
                }
                continue;
            }
            final int pos = position.merge(e.value().getSessionId(), 1, Integer::sum) - 1;
            max = Math.max(max, (int) Math.abs(pos - e.value().getSeq()));
        }
        return max;
    }

    private static Map<String, List<TelemetryEvent>> sessions(List<GeneratedEvent> events) {
        final Map<String, List<TelemetryEvent>> out = new HashMap<>();
        events.stream().filter(e -> !e.label().duplicate())
                .forEach(e -> out.computeIfAbsent(e.value().getSessionId(), k -> new ArrayList<>()).add(e.value()));
        return out;
    }

    private static byte[] bytesOf(TrafficGenerator.Dataset data) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (final GeneratedEvent e : data.events()) {
                out.write(e.key().getBytes(StandardCharsets.UTF_8));
                out.write(e.value().toByteBuffer().array());
                out.write(Long.toString(e.deliverAt()).getBytes(StandardCharsets.UTF_8));
                out.write(e.label().toString().getBytes(StandardCharsets.UTF_8));
            }
            out.write(data.truth().violations().toString().getBytes(StandardCharsets.UTF_8));
            out.write(data.truth().nearMisses().toString().getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
