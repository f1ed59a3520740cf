package io.authwatch.config;

import io.authwatch.registry.RegistryKeys;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks every value of a resolved configuration at start, so that a typo fails before anything
 * connects, and reports every problem at once: each key by the kind of value it holds, then what the
 * topology needs of some values ({@link #VALUE_RULES}), then the registry client settings
 * ({@link RegistryKeys}). Keys with a special shape are listed here; any
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
            Map.entry("http.auth.token", (c, k) -> { }));

    private ConfigValidator() {
    }

    /** Every problem of the configuration, each naming its key; empty when it is fine. */
    static List<ConfigException> problems(AuthwatchConfig config) {
        final List<ConfigException> problems = new ArrayList<>();
        config.asMap().keySet().forEach(key -> check(problems, () -> {
            if (key.startsWith(Defaults.KAFKA_PREFIX)) {
                passThrough(key);
            } else if (key.startsWith("topic.")) {
                matches(config, key, TOPIC, "a topic name of letters, digits, '.', '_' or '-'");
            } else {
                SPECIAL.getOrDefault(key, ConfigValidator::byDefaultKind).accept(config, key);
            }
        }));
        final Set<String> wrong = new HashSet<>();
        problems.forEach(p -> wrong.add(p.key()));
        VALUE_RULES.forEach((key, rule) -> {
            if (!wrong.contains(key)) {
                check(problems, () -> rule.accept(config, key));
            }
        });
        if (!wrong.contains("topic.dlq") && !wrong.contains("topic.telemetry")
                && config.string("topic.dlq").equals(config.string("topic.telemetry"))) {
            problems.add(new ConfigException("topic.dlq", config.string("topic.dlq"), "must differ from topic.telemetry"));
        }
        if (!wrong.contains("schema.registry.url")) {
            RegistryKeys.problems(config.asMap()).forEach((key, problem) ->
                    problems.add(new ConfigException(key, null, problem)));
        }
        return problems;
    }

    private static void check(List<ConfigException> problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigException e) {
            problems.add(e);
        }
    }

    private static final long MAX_LOOKBACK = 366;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** What the topology needs of a value beyond its kind, checked here so that it fails before any topic exists. */
    private static final Map<String, BiConsumer<AuthwatchConfig, String>> VALUE_RULES = Map.ofEntries(
            Map.entry("rule.idle-sweep", ConfigValidator::positive),
            Map.entry("dedup.window", ConfigValidator::positive),
            Map.entry("enforce.window", ConfigValidator::enforcementWindow),
            Map.entry("enforce.warning.min-users", (c, k) -> atLeast(c, k, 1)),
            Map.entry("enforce.restrict.min-users", (c, k) -> atLeast(c, k, 1)),
            Map.entry("enforce.suspend.min-users", (c, k) -> atLeast(c, k, 1)),
            Map.entry("enforce.warning.lookback-windows", (c, k) -> between(c, k, 0, MAX_LOOKBACK)),
            Map.entry("enforce.restrict.lookback-windows", (c, k) -> between(c, k, 0, MAX_LOOKBACK)),
            Map.entry("rocksdb.memory.bytes", (c, k) -> atLeast(c, k, 1)));

    private static void positive(AuthwatchConfig config, String key) {
        if (config.duration(key).isZero()) {
            throw new ConfigException(key, config.string(key), "must be longer than zero");
        }
    }

    /** The same rule as {@code EnforcementWindows}: whole days, or a size that divides one day evenly. */
    private static void enforcementWindow(AuthwatchConfig config, String key) {
        final long ms = config.duration(key).toMillis();
        if (ms == 0) {
            throw new ConfigException(key, config.string(key), "must be longer than zero");
        }
        if (ms % DAY_MS != 0 && DAY_MS % ms != 0) {
            throw new ConfigException(key, config.string(key),
                    "must be a whole number of days or divide one day evenly (PT1H, PT6H, PT8H, P1D, P7D...)");
        }
    }

    private static void between(AuthwatchConfig config, String key, long min, long max) {
        final long v = config.longValue(key);
        if (v < min || v > max) {
            throw new ConfigException(key, config.string(key), "must be between " + min + " and " + max);
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
