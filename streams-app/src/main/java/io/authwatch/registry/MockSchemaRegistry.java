package io.authwatch.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * In-process registry for {@code mock://scope} URLs: one instance per scope, shared by every client
 * that names the scope (a test's serdes and its TopologyTestDriver). Drop a scope after a test with
 * {@link #dropScope(String)}.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> idBySchema = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    /** The registry of {@code scope}, created on first use. */
    public static MockSchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistry());
    }

    /** Forgets everything registered under {@code scope}. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        final int id = idBySchema.computeIfAbsent(schema, s -> {
            final int next = byId.size() + 1;
            byId.put(next, s);
            return next;
        });
        final List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        final Integer id = idBySchema.get(schema);
        final List<Integer> versions = versionsBySubject.get(subject);
        if (id == null || versions == null || !versions.contains(id)) {
            throw new SchemaRegistryException("schema not registered under subject '" + subject
                    + "' (mock registry)", 404, 40403);
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        final Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("schema id " + id + " not found (mock registry)", 404, 40403);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException("subject '" + subject + "' not found (mock registry)", 404, 40401);
        }
        final int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), id, byId.get(id));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return true;
        }
        final Schema latest = byId.get(versions.get(versions.size() - 1));
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
