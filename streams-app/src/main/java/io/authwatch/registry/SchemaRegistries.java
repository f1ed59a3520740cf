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
     * scope; {@code http(s)://…} (comma-separated for several) gives an HTTP client.
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
        throw new IllegalArgumentException("'" + URL + "' = '" + value + "': only mock:// is supported so far");
    }
}
