package io.authwatch.config;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * authwatch's configuration (CONTRACT.md section 7): the keys of {@link Defaults} and any key
 * prefixed {@code kafka.}, which is passed to the Kafka clients with the prefix removed.
 *
 * <p>Precedence, lowest first: built-in defaults, then the properties file, then
 * {@code AUTHWATCH_<KEY>} environment variables (dots and dashes as underscores, upper case).
 * Values are validated when read; an unknown key or a bad value fails naming the key.
 */
public final class AuthwatchConfig {

    private final Map<String, String> values;

    private AuthwatchConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
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
        values.forEach((k, v) -> out.put(k, Defaults.isSecret(k) ? "[hidden]" : v));
        return out;
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
