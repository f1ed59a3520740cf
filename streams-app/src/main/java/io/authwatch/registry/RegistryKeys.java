package io.authwatch.registry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * authwatch's registry client keys, named as Confluent's clients name them, and how they become the
 * settings of {@link RegistryClientSettings}. Confluent's serializers strip the {@code schema.registry.}
 * namespace before configuring their REST client, so {@code schema.registry.basic.auth.user.info} is
 * their {@code basic.auth.user.info}; the {@code bearer.auth.*} keys carry no namespace. authwatch
 * does the same, so that a client config written for Confluent's serializers can be copied unchanged.
 *
 * <ul>
 *   <li>{@code schema.registry.basic.auth.credentials.source}: {@code USER_INFO}, {@code URL} or
 *       {@code SASL_INHERIT} (empty: {@code USER_INFO} when a user info is set, else {@code URL});</li>
 *   <li>{@code schema.registry.basic.auth.user.info}: {@code user:password} (secret);</li>
 *   <li>{@code schema.registry.ssl.truststore.location/password/type},
 *       {@code schema.registry.ssl.keystore.location/password/type}, {@code schema.registry.ssl.key.password},
 *       {@code schema.registry.ssl.endpoint.identification.algorithm} ({@code https} only: the JDK's
 *       client always checks the host name);</li>
 *   <li>{@code bearer.auth.credentials.source} ({@code STATIC_TOKEN}), {@code bearer.auth.token} (secret),
 *       {@code bearer.auth.logical.cluster}, {@code bearer.auth.identity.pool.id}.</li>
 * </ul>
 * The older spelling {@code kafka.schema.registry.ssl.*} still works; {@code SASL_INHERIT} reads
 * {@code kafka.sasl.jaas.config}.
 */
public final class RegistryKeys {

    public static final String BASIC_SOURCE = "schema.registry.basic.auth.credentials.source";
    public static final String BASIC_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SSL_PREFIX = RegistryTls.PREFIX;
    public static final String ENDPOINT_IDENTIFICATION = SSL_PREFIX + "endpoint.identification.algorithm";

    /** Every registry client key authwatch knows, each with an empty default. */
    public static final List<String> KEYS = List.of(BASIC_SOURCE, BASIC_USER_INFO,
            RegistryTls.TRUSTSTORE_LOCATION, RegistryTls.TRUSTSTORE_PASSWORD, RegistryTls.TRUSTSTORE_TYPE,
            RegistryTls.KEYSTORE_LOCATION, RegistryTls.KEYSTORE_PASSWORD, RegistryTls.KEYSTORE_TYPE,
            RegistryTls.KEY_PASSWORD, ENDPOINT_IDENTIFICATION,
            RegistryClientSettings.BEARER_SOURCE, RegistryClientSettings.BEARER_TOKEN,
            RegistryClientSettings.BEARER_LOGICAL_CLUSTER, RegistryClientSettings.BEARER_IDENTITY_POOL);

    private static final String LEGACY_SSL_PREFIX = "kafka." + SSL_PREFIX;
    private static final Pattern QUOTED_KEY = Pattern.compile("'([a-z.]+)'");

    private RegistryKeys() {
    }

    /**
     * The client settings (without {@code schema.registry.url}) that {@code config}, authwatch's resolved
     * keys and values, describes, in the names {@link RegistryClientSettings#fromConfig} reads.
     */
    public static Map<String, String> clientSettings(Map<String, String> config) {
        final Map<String, String> m = new HashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(LEGACY_SSL_PREFIX) && !blank(v)) {
                m.put(k.substring("kafka.".length()), v.trim());
            }
        });
        config.forEach((k, v) -> {
            if (k.startsWith(SSL_PREFIX) && !k.equals(ENDPOINT_IDENTIFICATION) && !blank(v)) {
                m.put(k, v.trim());
            }
            if (k.startsWith("bearer.auth.") && !blank(v)) {
                m.put(k, v.trim());
            }
        });
        final String userInfo = config.get(BASIC_USER_INFO);
        if (!blank(userInfo)) {
            m.put(RegistryClientSettings.USER_INFO, userInfo.trim());
        }
        final String source = config.get(BASIC_SOURCE);
        if (!blank(source)) {
            m.put(RegistryClientSettings.CREDENTIALS_SOURCE, source.trim());
            if (source.trim().equalsIgnoreCase("SASL_INHERIT") && !blank(config.get("kafka.sasl.jaas.config"))) {
                m.put(RegistryClientSettings.SASL_JAAS_CONFIG, config.get("kafka.sasl.jaas.config"));
            }
        } else if (!blank(userInfo)) {
            m.put(RegistryClientSettings.CREDENTIALS_SOURCE, "USER_INFO");
        }
        return m;
    }

    /**
     * What is wrong with the registry client settings of {@code config}, keyed by authwatch's key: the
     * same checks the client makes when it starts (a missing token or user info, an unknown source,
     * a truststore that cannot be read), made when the configuration loads. Empty for {@code mock://}.
     */
    public static Map<String, String> problems(Map<String, String> config) {
        final Map<String, String> problems = new LinkedHashMap<>();
        final String identification = config.get(ENDPOINT_IDENTIFICATION);
        if (!blank(identification) && !identification.trim().equalsIgnoreCase("https")) {
            problems.put(ENDPOINT_IDENTIFICATION, "must be https or empty: the registry's host name is always checked");
        }
        final String url = config.get(SchemaRegistries.URL);
        if (blank(url) || url.trim().startsWith(SchemaRegistries.MOCK_PREFIX)) {
            return problems;
        }
        final Map<String, String> settings = clientSettings(config);
        settings.put(SchemaRegistries.URL, url.trim());
        try {
            RegistryClientSettings.fromConfig(settings);
        } catch (IllegalArgumentException e) {
            problems.put(keyNamedIn(e.getMessage()), "is not usable: " + e.getMessage());
        }
        return problems;
    }

    /** authwatch's key for the first client key quoted in {@code message}. */
    private static String keyNamedIn(String message) {
        final Matcher m = QUOTED_KEY.matcher(message == null ? "" : message);
        if (!m.find()) {
            return SchemaRegistries.URL;
        }
        final String key = m.group(1);
        return switch (key.toLowerCase(Locale.ROOT)) {
            case RegistryClientSettings.CREDENTIALS_SOURCE -> BASIC_SOURCE;
            case RegistryClientSettings.USER_INFO -> BASIC_USER_INFO;
            case RegistryClientSettings.SASL_JAAS_CONFIG -> "kafka.sasl.jaas.config";
            default -> key;
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
