package io.authwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks every value of a resolved configuration at start, so that a typo fails before anything
 * connects: each key by the kind of value it holds. Keys with a special shape are listed here; any
 * other key is checked by the kind of its default (an ISO-8601 duration, true/false, a whole
 * number or a decimal), so a key that another part adds to {@link Defaults} is checked as well.
 */
final class ConfigValidator {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");
    private static final Set<String> GUARANTEES = Set.of("exactly_once_v2", "at_least_once");

    /** Keys that are authwatch settings and must not also be given as {@code kafka.<key>}. */
    static final Set<String> OWNED_CLIENT_KEYS = Set.of("bootstrap.servers", "application.id",
            "processing.guarantee", "commit.interval.ms", "num.stream.threads", "num.standby.replicas",
            "state.dir", "application.server", "errors.dead.letter.queue.topic.name");

    private static final Map<String, BiConsumer<AuthwatchConfig, String>> SPECIAL = Map.ofEntries(
            Map.entry("bootstrap.servers", ConfigValidator::hostPortList),
            Map.entry("schema.registry.url", ConfigValidator::registryUrls),
            Map.entry("application.id", (c, k) -> matches(c, k, TOPIC, "letters, digits, '.', '_' or '-'")),
            Map.entry("processing.guarantee", ConfigValidator::guarantee),
            Map.entry("state.dir", ConfigValidator::notBlank),
            Map.entry("application.server", ConfigValidator::optionalHostPort),
            Map.entry("num.stream.threads", (c, k) -> atLeast(c, k, 1)),
            Map.entry("topics.partitions", (c, k) -> atLeast(c, k, 1)),
            Map.entry("topics.replication", (c, k) -> atLeast(c, k, 1)),
            Map.entry("enforce.zone", (c, k) -> c.zone(k)),
            Map.entry("http.port", ConfigValidator::port),
            Map.entry("http.bind", ConfigValidator::notBlank),
            Map.entry("user-ref.secret", (c, k) -> { }),
            Map.entry("http.auth.token", (c, k) -> { }),
            Map.entry("schema.registry.basic.auth.user.info", (c, k) -> { }));

    private ConfigValidator() {
    }

    /** Fails with a {@link ConfigException} naming the first key whose value is wrong. */
    static void validate(AuthwatchConfig config) {
        config.asMap().keySet().forEach(key -> {
            if (key.startsWith(Defaults.KAFKA_PREFIX)) {
                passThrough(key);
            } else if (key.startsWith("topic.")) {
                matches(config, key, TOPIC, "a topic name of letters, digits, '.', '_' or '-'");
            } else {
                SPECIAL.getOrDefault(key, ConfigValidator::byDefaultKind).accept(config, key);
            }
        });
        if (config.string("topic.dlq").equals(config.string("topic.telemetry"))) {
            throw new ConfigException("topic.dlq", config.string("topic.dlq"), "must differ from topic.telemetry");
        }
    }

    private static void passThrough(String key) {
        final String clientKey = key.substring(Defaults.KAFKA_PREFIX.length());
        if (clientKey.isBlank()) {
            throw new ConfigException(key, null, "names no Kafka client key after the 'kafka.' prefix");
        }
        if (OWNED_CLIENT_KEYS.contains(clientKey)) {
            throw new ConfigException(key, null, "duplicates authwatch's own key: set '" + clientKey
                    + "' instead (without the kafka. prefix)");
        }
    }

    private static void byDefaultKind(AuthwatchConfig config, String key) {
        final String def = Defaults.VALUES.get(key);
        if (def == null || def.isEmpty()) {
            return;
        }
        if (isDuration(def)) {
            config.duration(key);
        } else if (def.equals("true") || def.equals("false")) {
            config.bool(key);
        } else if (def.matches("-?\\d+")) {
            atLeast(config, key, 0);
        } else if (def.matches("-?\\d*\\.\\d+")) {
            rate(config, key);
        }
    }

    private static boolean isDuration(String value) {
        try {
            Duration.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void rate(AuthwatchConfig config, String key) {
        final double v = config.doubleValue(key);
        if (Double.isNaN(v) || v < 0 || (key.endsWith("-rate") && v > 1)) {
            throw new ConfigException(key, config.string(key),
                    key.endsWith("-rate") ? "must be a fraction between 0 and 1" : "must not be negative");
        }
    }

    private static void atLeast(AuthwatchConfig config, String key, long min) {
        if (config.longValue(key) < min) {
            throw new ConfigException(key, config.string(key), "must be at least " + min);
        }
    }

    private static void port(AuthwatchConfig config, String key) {
        final int port = config.intValue(key);
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, config.string(key), "is not a port (0 to 65535)");
        }
    }

    private static void notBlank(AuthwatchConfig config, String key) {
        if (config.stringOrNull(key) == null) {
            throw new ConfigException(key, null, "must not be empty");
        }
    }

    private static void matches(AuthwatchConfig config, String key, Pattern pattern, String what) {
        if (!pattern.matcher(config.string(key)).matches()) {
            throw new ConfigException(key, config.string(key), "must be " + what);
        }
    }

    private static void guarantee(AuthwatchConfig config, String key) {
        if (!GUARANTEES.contains(config.string(key))) {
            throw new ConfigException(key, config.string(key), "must be exactly_once_v2 or at_least_once");
        }
    }

    private static void hostPortList(AuthwatchConfig config, String key) {
        notBlank(config, key);
        for (String part : config.string(key).split(",")) {
            if (!HOST_PORT.matcher(part.trim()).matches()) {
                throw new ConfigException(key, config.string(key), "must be host:port[,host:port...]");
            }
        }
    }

    private static void optionalHostPort(AuthwatchConfig config, String key) {
        final String value = config.stringOrNull(key);
        if (value != null && !HOST_PORT.matcher(value).matches()) {
            throw new ConfigException(key, value, "must be empty or host:port");
        }
    }

    private static void registryUrls(AuthwatchConfig config, String key) {
        notBlank(config, key);
        for (String part : config.string(key).split(",")) {
            final String url = part.trim().toLowerCase(Locale.ROOT);
            final boolean http = (url.startsWith("http://") || url.startsWith("https://"))
                    && url.indexOf("://") + 3 < url.length();
            final boolean mock = url.startsWith("mock://") && url.length() > "mock://".length();
            if (!http && !mock) {
                throw new ConfigException(key, config.string(key),
                        "must be http(s)://host:port (comma-separated for several) or mock://scope");
            }
        }
    }
}
