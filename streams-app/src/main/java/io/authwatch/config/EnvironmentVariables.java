package io.authwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps {@code AUTHWATCH_<KEY>} environment variables to configuration keys (CONTRACT.md section 7).
 *
 * <p>A known key's variable is the key upper-cased with dots and dashes as underscores:
 * {@code rule.session-quiet} is {@code AUTHWATCH_RULE_SESSION_QUIET}. Because that loses the
 * difference between a dot and a dash, variables are mapped back by looking the name up among the
 * known keys, never by guessing. A variable {@code AUTHWATCH_KAFKA_<REST>} that names no known key
 * is a {@code kafka.} pass-through key: {@code <REST>} lower-cased with underscores as dots, so
 * {@code AUTHWATCH_KAFKA_SASL_JAAS_CONFIG} is {@code kafka.sasl.jaas.config}. Kafka client keys
 * use dots only, so this is exact for them; a pass-through key holding a dash or an underscore can
 * only be set in the properties file. Any other {@code AUTHWATCH_} variable is an error naming it.
 */
public final class EnvironmentVariables {

    public static final String PREFIX = "AUTHWATCH_";
    private static final String KAFKA_PREFIX = PREFIX + "KAFKA_";

    private EnvironmentVariables() {
    }

    /** The environment variable that sets {@code key}. */
    public static String nameOf(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The configuration keys and values set by {@code environment}, keyed by configuration key.
     * Variables without the {@code AUTHWATCH_} prefix are ignored.
     */
    public static Map<String, String> toKeys(Map<String, String> environment) {
        final List<ConfigException> problems = new ArrayList<>();
        final Map<String, String> out = toKeys(environment, problems);
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        return out;
    }

    /** {@link #toKeys(Map)}, adding a problem to {@code problems} for each variable that names no key. */
    static Map<String, String> toKeys(Map<String, String> environment, List<ConfigException> problems) {
        final Map<String, String> knownByVariable = new LinkedHashMap<>();
        Defaults.VALUES.keySet().forEach(key -> knownByVariable.put(nameOf(key), key));
        final Map<String, String> out = new TreeMap<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (!variable.startsWith(PREFIX)) {
                return;
            }
            try {
                out.put(keyOf(variable, knownByVariable), value);
            } catch (ConfigException e) {
                problems.add(e);
            }
        });
        return out;
    }

    private static String keyOf(String variable, Map<String, String> knownByVariable) {
        final String known = knownByVariable.get(variable);
        if (known != null) {
            return known;
        }
        if (variable.startsWith(KAFKA_PREFIX) && variable.length() > KAFKA_PREFIX.length()) {
            return Defaults.KAFKA_PREFIX
                    + variable.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }
        throw new ConfigException(variable, null,
                "is not a known setting: environment variables are AUTHWATCH_<KEY> for a key of the "
                        + "Configuration section of docs/operations.md, or AUTHWATCH_KAFKA_<CLIENT_KEY>");
    }
}
