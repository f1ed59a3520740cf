package io.authwatch.config;

/** A configuration key is unknown, missing or has a bad value; the message names the key. */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String value, String problem) {
        super("config '" + key + "'" + (value == null || Defaults.isSecret(key) ? "" : " = '" + value + "'")
                + " " + problem);
        this.key = key;
    }

    private ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The same problem, saying where the value came from ({@code set by …}). */
    public ConfigException from(String source) {
        return new ConfigException(key, getMessage() + " (" + source + ")");
    }

    public String key() {
        return key;
    }
}
