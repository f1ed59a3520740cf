package io.authwatch.registry.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Confluent's compatibility levels, checked with Avro's own {@link SchemaCompatibility}. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** The level named {@code name} (any case), or null when there is none. */
    public static CompatibilityLevel parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * What makes {@code candidate} incompatible with the existing versions (oldest first) at this
     * level; empty when it is compatible. Non-transitive levels look at the latest version only.
     */
    public List<String> problems(Schema candidate, List<Schema> existing) {
        final List<String> problems = new ArrayList<>();
        if (existing.isEmpty()) {
            return problems;
        }
        final List<Schema> against = transitive ? existing : List.of(existing.get(existing.size() - 1));
        for (final Schema old : against) {
            if (newReadsOld) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "new schema reading old data",
                        problems);
            }
            if (oldReadsNew) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "old schema reading new data",
                        problems);
            }
        }
        return problems;
    }

    /** Checks {@code candidate} against one version, in the directions of this level (NONE: both). */
    public List<String> problemsAgainst(Schema candidate, Schema version) {
        return (this == NONE ? BACKWARD : this).problems(candidate, List.of(version));
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> problems) {
        result.getResult().getIncompatibilities().forEach(i -> problems.add(direction + ": " + i.getType() + " at "
                + i.getLocation() + " (" + i.getMessage() + ")"));
    }
}
