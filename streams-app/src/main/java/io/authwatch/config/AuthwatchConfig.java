package io.authwatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * authwatch's configuration (CONTRACT.md section 7): the keys of {@link Defaults} and any key
 * prefixed {@code kafka.}, which is passed to the Kafka clients with the prefix removed.
 *
 * <p><b>Precedence</b> (the one place it is written; the README repeats it), lowest first:
 * <ol>
 *   <li>the built-in defaults of {@link Defaults};</li>
 *   <li>the properties file given with {@code --config} (UTF-8; a key set twice in it is an error);</li>
 *   <li>{@code AUTHWATCH_<KEY>} environment variables, as mapped by {@link EnvironmentVariables}.</li>
 * </ol>
 * A later layer replaces a key of an earlier one; nothing is merged inside a value. {@link #load}
 * validates everything at once, before anything connects, and fails with one {@link ConfigException}
 * listing every problem, each naming the key, the bad value (unless secret) and where it was set: an
 * unknown key, a bad duration, number, boolean, zone, topic name, host:port or registry URL scheme,
 * and the values the topology would refuse (a zero {@code rule.idle-sweep}, an {@code enforce.window}
 * that does not divide a day, thresholds out of range, unusable registry client settings). {@link #of} (tests, embedded use) validates
 * lazily, when a typed getter reads the key.
 */
public final class AuthwatchConfig {

    private final Map<String, String> values;

    private AuthwatchConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * The configuration of a process: defaults, then {@code file} (may be null), then the
     * {@code AUTHWATCH_*} variables of {@code environment}; validated.
     */
    public static AuthwatchConfig load(Path file, Map<String, String> environment) {
        final Map<String, String> merged = new LinkedHashMap<>(Defaults.VALUES);
        final Map<String, String> source = new HashMap<>();
        final List<ConfigException> problems = new ArrayList<>();
        if (file != null) {
            ConfigLoader.readFile(file).forEach((k, v) -> {
                try {
                    Defaults.checkKnown(k);
                    merged.put(k, v);
                    source.put(k, "set in " + file);
                } catch (ConfigException e) {
                    problems.add(e.from("set in " + file));
                }
            });
        }
        EnvironmentVariables.toKeys(environment, problems).forEach((k, v) -> {
            merged.put(k, v);
            source.put(k, "set by environment variable " + EnvironmentVariables.nameOf(k));
        });
        final AuthwatchConfig config = new AuthwatchConfig(merged);
        ConfigValidator.problems(config).forEach(e ->
                problems.add(source.containsKey(e.key()) ? e.from(source.get(e.key())) : e));
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        return config;
    }

    /** Checks every value; fails with a {@link ConfigException} listing every wrong key. */
    public AuthwatchConfig validate() {
        final List<ConfigException> problems = ConfigValidator.problems(this);
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        return this;
    }

    /** Defaults overlaid with {@code overrides} (tests and embedded use). */
    public static AuthwatchConfig of(Map<String, String> overrides) {
        final Map<String, String> merged = new LinkedHashMap<>(Defaults.VALUES);
        overrides.forEach((k, v) -> {
            Defaults.checkKnown(k);
            merged.put(k, v);
        });
        return new AuthwatchConfig(merged);
    }

    /** Defaults only. */
    public static AuthwatchConfig defaults() {
        return of(Map.of());
    }

    /** A copy with {@code key} set to {@code value}. */
    public AuthwatchConfig with(String key, String value) {
        final Map<String, String> copy = new LinkedHashMap<>(values);
        Defaults.checkKnown(key);
        copy.put(key, value);
        return new AuthwatchConfig(copy);
    }

    /** Every resolved key and value (secrets included: never log this map, use {@link #redacted()}). */
    public Map<String, String> asMap() {
        return values;
    }

    /** The resolved values with every secret replaced by {@code [hidden]}, fit for logs. */
    public Map<String, String> redacted() {
        final Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, Defaults.isSecret(k) ? "[hidden]" : withoutUserInfo(v)));
        return out;
    }

    /** {@code scheme://user:password@host} loses its user info: a URL may carry credentials. */
    private static String withoutUserInfo(String value) {
        return value.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s,]+@", "$1[hidden]@");
    }

    public String string(String key) {
        final String value = values.get(key);
        if (value == null) {
            throw new ConfigException(key, null, "is required but not set");
        }
        return value.trim();
    }

    public String stringOrNull(String key) {
        final String value = values.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public Duration duration(String key) {
        final String raw = string(key);
        try {
            final Duration d = Duration.parse(raw);
            if (d.isNegative()) {
                throw new ConfigException(key, raw, "must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, raw, "is not an ISO-8601 duration such as PT30S or P1D");
        }
    }

    public long longValue(String key) {
        final String raw = string(key);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "is not a whole number");
        }
    }

    public int intValue(String key) {
        final long v = longValue(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException(key, String.valueOf(v), "is out of range");
        }
        return (int) v;
    }

    public double doubleValue(String key) {
        final String raw = string(key);
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "is not a number");
        }
    }

    public boolean bool(String key) {
        final String raw = string(key).toLowerCase(java.util.Locale.ROOT);
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new ConfigException(key, raw, "must be true or false");
        }
        return Boolean.parseBoolean(raw);
    }

    public ZoneId zone(String key) {
        final String raw = string(key);
        try {
            return ZoneId.of(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(key, raw, "is not a time zone id such as Asia/Shanghai");
        }
    }

    /** The {@code kafka.*} keys with the prefix removed, for the Kafka clients. */
    public Properties kafkaPassThrough() {
        final Properties props = new Properties();
        values.forEach((k, v) -> {
            if (k.startsWith(Defaults.KAFKA_PREFIX)) {
                props.put(k.substring(Defaults.KAFKA_PREFIX.length()), v);
            }
        });
        return props;
    }
}
