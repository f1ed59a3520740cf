package io.authwatch.config;

import java.util.List;

/**
 * A configuration key is unknown, missing or has a bad value; the message names the key. One
 * exception may carry several problems ({@link #problems()}): a configuration is checked whole, and
 * its message lists every problem found, one per line.
 */
public final class ConfigException extends RuntimeException {

    private final String key;
    private final transient List<ConfigException> problems;

    public ConfigException(String key, String value, String problem) {
        super("config '" + key + "'" + (value == null || Defaults.isSecret(key) ? "" : " = '" + value + "'")
                + " " + problem);
        this.key = key;
        this.problems = List.of(this);
    }

    private ConfigException(String key, String message) {
        super(message);
        this.key = key;
        this.problems = List.of(this);
    }

    private ConfigException(List<ConfigException> problems) {
        super(problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n  - "
                + String.join("\n  - ", problems.stream().map(Throwable::getMessage).toList()));
        this.key = problems.get(0).key;
        this.problems = List.copyOf(problems);
    }

    /** One exception listing every problem of {@code problems} (not empty); itself when there is only one. */
    public static ConfigException of(List<ConfigException> problems) {
        final List<ConfigException> flat = problems.stream().flatMap(p -> p.problems().stream()).toList();
        if (flat.isEmpty()) {
            throw new IllegalArgumentException("no problem to report");
        }
        return flat.size() == 1 ? flat.get(0) : new ConfigException(flat);
    }

    /** The same problem, saying where the value came from ({@code set by …}). */
    public ConfigException from(String source) {
        return new ConfigException(key, getMessage() + " (" + source + ")");
    }

    /** The key at fault (the first one when there are several problems). */
    public String key() {
        return key;
    }

    /** Every problem this exception reports, each naming its key. */
    public List<ConfigException> problems() {
        return problems;
    }
}
