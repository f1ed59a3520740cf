package io.authwatch.config;

import io.authwatch.registry.RegistryKeys;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Every configuration key authwatch knows, with its default (CONTRACT.md sections 2, 4, 5, 7). */
public final class Defaults {

    public static final String KAFKA_PREFIX = "kafka.";

    /** Keys whose values are secrets: never logged, never shown. */
    private static final Set<String> SECRETS = Set.of("user-ref.secret", "http.auth.token",
            "basic.auth.user.info", "schema.registry.basic.auth.user.info");

    static final Map<String, String> VALUES;

    static {
        final Map<String, String> d = new LinkedHashMap<>();
        d.put("bootstrap.servers", "localhost:9092");
        d.put("schema.registry.url", "http://localhost:8081");
        RegistryKeys.KEYS.forEach(key -> d.put(key, ""));
        d.put("auto.register.schemas", "true");
        d.put("use.latest.version", "false");
        d.put("application.id", "authwatch");
        d.put("processing.guarantee", "exactly_once_v2");
        d.put("commit.interval.ms", "100");
        d.put("num.stream.threads", "1");
        d.put("num.standby.replicas", "0");
        d.put("state.dir", System.getProperty("java.io.tmpdir") + "/authwatch-state");
        d.put("application.server", "");
        d.put("topics.create", "true");
        d.put("topics.partitions", "6");
        d.put("topics.replication", "1");
        d.put("rocksdb.memory.bytes", "67108864");

        d.put("topic.telemetry", "miniapp.telemetry.v1");
        d.put("topic.policy", "authwatch.policy.v1");
        d.put("topic.violations", "authwatch.violations.v1");
        d.put("topic.enforcement", "authwatch.enforcement.v1");
        d.put("topic.dlq", "authwatch.dlq.v1");
        d.put("input.rekey", "false");

        d.put("ordering.grace", "PT10S");
        d.put("dedup.window", "PT1H");
        d.put("rule.forced-window", "PT30S");
        d.put("rule.session-quiet", "PT30S");
        d.put("rule.idle-sweep", "PT5S");
        d.put("rule.reprompt.cooldown", "PT48H");

        d.put("enforce.window", "P1D");
        d.put("enforce.zone", "Asia/Shanghai");
        d.put("enforce.grace", "PT1H");
        d.put("enforce.warning.min-users", "5");
        d.put("enforce.warning.expires-after", "P7D");
        d.put("enforce.warning.lookback-windows", "7");
        d.put("enforce.restrict.min-users", "50");
        d.put("enforce.restrict.min-rate", "0.05");
        d.put("enforce.restrict.expires-after", "P7D");
        d.put("enforce.restrict.lookback-windows", "30");
        d.put("enforce.suspend.min-users", "200");
        d.put("enforce.suspend.min-rate", "0.20");
        d.put("enforce.suspend.expires-after", "P30D");

        d.put("user-ref.secret", "");
        d.put("http.port", "8080");
        d.put("http.bind", "0.0.0.0");
        d.put("http.auth.token", "");
        VALUES = Map.copyOf(d);
    }

    private Defaults() {
    }

    /** Fails naming {@code key} when authwatch does not know it. */
    static void checkKnown(String key) {
        if (!VALUES.containsKey(key) && !key.startsWith(KAFKA_PREFIX)) {
            throw new ConfigException(key, null, "is not a known key (see docs/operations.md, Configuration)");
        }
    }

    /** Whether {@code key} holds a secret. */
    public static boolean isSecret(String key) {
        final String k = key.toLowerCase(Locale.ROOT);
        return SECRETS.contains(k) || k.contains("password") || k.contains("sasl.jaas.config")
                || k.contains("secret") || k.endsWith("user.info") || k.endsWith(".token")
                || k.endsWith("keystore.key");
    }
}
