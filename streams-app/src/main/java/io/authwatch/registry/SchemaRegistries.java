package io.authwatch.registry;

import java.util.Map;

/** Builds the registry client named by {@code schema.registry.url}. */
public final class SchemaRegistries {

    public static final String URL = "schema.registry.url";
    public static final String MOCK_PREFIX = "mock://";

    private SchemaRegistries() {
    }

    /**
     * The client for {@code configs}: {@code mock://scope} gives the in-process registry of that
     * scope (shared, never closed by its users); {@code http(s)://…} (comma-separated for several,
     * tried in turn) gives a new {@link HttpSchemaRegistryClient} owned by the caller, who closes it.
     * Other keys: see {@link RegistryClientSettings}.
     */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        final Object url = configs.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("'" + URL + "' is not set");
        }
        final String value = url.toString().trim();
        if (value.startsWith(MOCK_PREFIX)) {
            return MockSchemaRegistry.forScope(value.substring(MOCK_PREFIX.length()));
        }
        return HttpSchemaRegistryClient.fromConfig(configs);
    }
}
