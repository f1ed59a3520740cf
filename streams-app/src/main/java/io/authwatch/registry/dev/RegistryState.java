package io.authwatch.registry.dev;

import io.authwatch.registry.dev.StoreRecord.Compatibility;
import io.authwatch.registry.dev.StoreRecord.SchemaVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;


/**
 * The dev registry's state: subjects and their versions, global schema ids, compatibility levels.
 * Every change is appended to the {@link SchemaStore} before it is applied, under one lock, so the
 * log order is the order of the answers. Ids are global and stable: a schema (compared by its
 * canonical Avro text, so whitespace does not matter) keeps the id it was first given, under every
 * subject, and ids are never reused (versions are only soft-deleted).
 */
final class RegistryState {

    static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

    /** One version as stored under a subject. */
    record Version(String subject, int version, int id, String schema, boolean deleted) {
    }

    private final SchemaStore store;
    private final Map<String, List<Version>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_LEVEL;
    private int maxId;

    RegistryState(SchemaStore store) {
        this.store = store;
        store.replay().forEach(this::apply);
    }

    synchronized Version register(String subject, String schemaText) {
        final Schema schema = parse(schemaText);
        final String canonical = schema.toString();
        final List<Version> live = live(subject);
        for (final Version v : live) {
            if (v.schema().equals(canonical)) {
                return v;
            }
        }
        final List<String> problems = levelOf(subject).problems(schema, live.stream().map(v -> parse(v.schema())).toList());
        if (!problems.isEmpty()) {
            throw new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for "
                    + "subject \"" + subject + "\", details: " + problems);
        }
        final int id = idBySchema.getOrDefault(canonical, maxId + 1);
        final int version = versionsBySubject.getOrDefault(subject, List.of()).stream()
                .mapToInt(Version::version).max().orElse(0) + 1;
        final SchemaVersion record = new SchemaVersion(subject, version, id, canonical, false);
        persist(record);
        return new Version(subject, version, id, canonical, false);
    }

    synchronized Version lookup(String subject, String schemaText, boolean includeDeleted) {
        final String canonical = parse(schemaText).toString();
        final List<Version> versions = includeDeleted ? all(subject) : live(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions.stream().filter(v -> v.schema().equals(canonical)).reduce((a, b) -> b)
                .orElseThrow(() -> RegistryError.schemaNotFound("Schema not found under subject '" + subject + "'."));
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        return versionsBySubject.keySet().stream()
                .filter(s -> includeDeleted ? !all(s).isEmpty() : !live(s).isEmpty()).toList();
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        final List<Version> versions = includeDeleted ? all(subject) : live(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions.stream().map(Version::version).toList();
    }

    /** {@code spec} is a version number, "latest" or -1. */
    synchronized Version version(String subject, String spec, boolean includeDeleted) {
        final List<Version> versions = includeDeleted ? all(subject) : live(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        final int wanted = parseVersion(spec);
        if (wanted == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == wanted).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, spec));
    }

    synchronized String schemaById(int id) {
        final String schema = schemaById.get(id);
        if (schema == null) {
            throw RegistryError.schemaNotFound("Schema " + id + " not found");
        }
        return schema;
    }

    synchronized List<Version> versionsOfId(int id) {
        schemaById(id);
        final List<Version> found = new ArrayList<>();
        versionsBySubject.values().forEach(vs -> vs.stream().filter(v -> v.id() == id && !v.deleted()).forEach(found::add));
        return found;
    }

    /** Problems of {@code schemaText} against one version ({@code spec}), or against the subject per its level. */
    synchronized List<String> compatibility(String subject, String spec, String schemaText) {
        final Schema candidate = parse(schemaText);
        final List<Version> live = live(subject);
        if (spec == null) {
            return levelOf(subject).problems(candidate, live.stream().map(v -> parse(v.schema())).toList());
        }
        if (live.isEmpty() && parseVersion(spec) == -1) {
            return List.of(); // nothing registered: nothing to break
        }
        final Version against = version(subject, spec, false);
        final CompatibilityLevel level = levelOf(subject);
        return level == CompatibilityLevel.NONE ? List.of() : level.problemsAgainst(candidate, parse(against.schema()));
    }

    synchronized List<Integer> deleteSubject(String subject) {
        final List<Version> live = live(subject);
        if (live.isEmpty()) {
            throw all(subject).isEmpty() ? RegistryError.subjectNotFound(subject)
                    : new RegistryError(404, 40404, "Subject '" + subject + "' was soft deleted.");
        }
        for (final Version v : live) {
            persist(new SchemaVersion(subject, v.version(), v.id(), v.schema(), true));
        }
        return live.stream().map(Version::version).toList();
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level, or null when it has none. */
    synchronized CompatibilityLevel subjectLevel(String subject) {
        return subjectLevels.get(subject);
    }

    synchronized void setLevel(String subject, CompatibilityLevel level) {
        persist(new Compatibility(subject, level));
    }

    private CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private void persist(StoreRecord record) {
        try {
            store.append(record);
        } catch (SchemaStoreException e) {
            throw RegistryError.storeFailed(e.getMessage());
        }
        apply(record);
    }

    private void apply(StoreRecord record) {
        if (record instanceof SchemaVersion v) {
            final String canonical = canonicalOrAsIs(v.schema());
            schemaById.putIfAbsent(v.id(), canonical);
            idBySchema.putIfAbsent(canonical, v.id());
            maxId = Math.max(maxId, v.id());
            final List<Version> versions = versionsBySubject.computeIfAbsent(v.subject(), s -> new ArrayList<>());
            versions.removeIf(old -> old.version() == v.version());
            versions.add(new Version(v.subject(), v.version(), v.id(), canonical, v.deleted()));
            versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        } else if (record instanceof Compatibility c) {
            if (c.subject() == null) {
                globalLevel = c.level() == null ? DEFAULT_LEVEL : c.level();
            } else if (c.level() == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        }
    }

    private List<Version> all(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of());
    }

    private List<Version> live(String subject) {
        return all(subject).stream().filter(v -> !v.deleted()).toList();
    }

    private static int parseVersion(String spec) {
        if ("latest".equals(spec)) {
            return -1;
        }
        try {
            final int version = Integer.parseInt(spec);
            if (version == -1 || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // fall through to the Confluent error
        }
        throw RegistryError.invalidVersion(spec);
    }

    static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (AvroRuntimeException | IllegalArgumentException | NullPointerException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private static String canonicalOrAsIs(String schemaText) {
        try {
            return new Schema.Parser().parse(schemaText).toString();
        } catch (RuntimeException e) {
            return schemaText;
        }
    }
}
