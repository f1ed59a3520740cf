package io.authwatch.runtime;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.registry.SchemaRegistries;
import io.authwatch.registry.SchemaRegistryClient;
import io.authwatch.registry.SchemaRegistryException;
import io.authwatch.topology.Topics;
import java.util.HashMap;
import java.util.Map;

/**
 * Asks the schema registry one cheap question before the monitor starts, so that a wrong URL or a
 * registry that is down fails at once with a clear message instead of as a stream of DLQ records.
 * Any answer counts as reachable, "subject not found" included; no answer, or a refusal of the
 * credentials, does not.
 */
public final class RegistryProbe {

    private RegistryProbe() {
    }

    public static void check(AuthwatchConfig config) {
        final String url = config.redacted().get("schema.registry.url");
        final Map<String, Object> settings = new HashMap<>(Topics.serdeConfig(config));
        settings.put("http.connect.timeout.ms", "5000");
        settings.put("http.read.timeout.ms", "10000");
        settings.put("max.retries", "1");
        final SchemaRegistryClient client;
        try {
            client = SchemaRegistries.fromConfig(settings);
        } catch (RuntimeException e) {
            throw new StartupException("schema.registry.url '" + url + "' cannot be used: " + e.getMessage(), e);
        }
        try {
            client.getLatest(config.string("topic.telemetry") + "-value");
        } catch (SchemaRegistryException e) {
            if (e.status() < 0 || e.status() == 401 || e.status() == 403 || e.status() >= 500) {
                throw new StartupException("the schema registry at " + url + " is not usable: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            throw new StartupException("the schema registry at " + url + " is not reachable: " + e, e);
        } finally {
            if (!config.string("schema.registry.url").startsWith(SchemaRegistries.MOCK_PREFIX)) {
                client.close();
            }
        }
    }
}
