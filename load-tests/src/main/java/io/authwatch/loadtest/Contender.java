package io.authwatch.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * One job of {@code authwatch-bench compare}: what runs (the FlinkCEP peer, a Kafka Streams
 * pass-through or authwatch), under which guarantee and commit interval.
 */
record Contender(String name, Kind kind, String guarantee, long commitMs) {

    enum Kind {
        /** The FlinkCEP peer's {@code cep} mode: rule 1.1. */
        PEER_CEP,
        /** The FlinkCEP peer's {@code passthrough} mode. */
        PEER_PASSTHROUGH,
        /** Kafka Streams, bytes in, the same bytes out. */
        STREAMS_BYTES,
        /** Kafka Streams, Avro decoded and encoded again with authwatch's serdes. */
        STREAMS_AVRO,
        /** The authwatch jar's {@code run} command. */
        AUTHWATCH
    }

    /** Every contender, in the order of the first round. */
    static List<Contender> all() {
        return List.of(
                new Contender("flinkcep-1.1", Kind.PEER_CEP, "none (no checkpoints)", 0),
                new Contender("flink-passthrough", Kind.PEER_PASSTHROUGH, "none (no checkpoints)", 0),
                new Contender("streams-bytes-eos", Kind.STREAMS_BYTES, "exactly_once_v2", 100),
                new Contender("streams-bytes-alo", Kind.STREAMS_BYTES, "at_least_once", 1000),
                new Contender("streams-avro-eos", Kind.STREAMS_AVRO, "exactly_once_v2", 100),
                new Contender("streams-avro-alo", Kind.STREAMS_AVRO, "at_least_once", 1000),
                new Contender("authwatch-alo-1s", Kind.AUTHWATCH, "at_least_once", 1000),
                new Contender("authwatch-alo-100ms", Kind.AUTHWATCH, "at_least_once", 100),
                new Contender("authwatch-eos-100ms", Kind.AUTHWATCH, "exactly_once_v2", 100));
    }

    /** The contenders named in {@code names} (all when empty), in {@link #all()}'s order; fails on an unknown name. */
    static List<Contender> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return all();
        }
        final List<Contender> out = new ArrayList<>();
        for (final String n : names) {
            if (all().stream().noneMatch(c -> c.name().equals(n))) {
                throw new IllegalArgumentException("unknown contender " + n + "; known: "
                        + all().stream().map(Contender::name).toList());
            }
        }
        all().stream().filter(c -> names.contains(c.name())).forEach(out::add);
        return out;
    }

    boolean isPeer() {
        return kind == Kind.PEER_CEP || kind == Kind.PEER_PASSTHROUGH;
    }

    String describe() {
        return switch (kind) {
            case PEER_CEP -> "FlinkCEP peer, rule 1.1";
            case PEER_PASSTHROUGH -> "Flink pass-through (the peer's passthrough mode)";
            case STREAMS_BYTES -> "Kafka Streams byte pass-through, " + guarantee + " @ " + commitMs + " ms";
            case STREAMS_AVRO -> "Kafka Streams Avro pass-through, " + guarantee + " @ " + commitMs + " ms";
            case AUTHWATCH -> "authwatch, all rules, " + guarantee + " @ " + commitMs + " ms";
        };
    }
}
