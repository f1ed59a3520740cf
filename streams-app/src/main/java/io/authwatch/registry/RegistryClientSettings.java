package io.authwatch.registry;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Settings of {@link HttpSchemaRegistryClient}, read from the same config keys as Confluent's
 * clients use, so that a serde config written for Confluent's serializers works unchanged.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>{@code schema.registry.url}</td><td>one or more {@code http(s)://} URLs, comma-separated, tried in turn</td></tr>
 * <tr><td>{@code basic.auth.credentials.source}</td><td>{@code USER_INFO} (default when
 *     {@code basic.auth.user.info} is set), {@code URL} (user info of the URL; {@code basic.auth.user.info}
 *     is then ignored, as Confluent's client does) or {@code SASL_INHERIT} (the {@code username} and
 *     {@code password} of {@code sasl.jaas.config}, the Kafka clients' own credentials)</td></tr>
 * <tr><td>{@code basic.auth.user.info}</td><td>{@code user:password}; a secret, never logged</td></tr>
 * <tr><td>{@code bearer.auth.credentials.source}</td><td>{@code STATIC_TOKEN}: {@code bearer.auth.token}
 *     is sent as {@code Authorization: Bearer …}; {@code bearer.auth.logical.cluster} and
 *     {@code bearer.auth.identity.pool.id} (Confluent Cloud) as the {@code target-sr-cluster} and
 *     {@code Confluent-Identity-Pool-Id} headers. The OAuth sources of Confluent's client
 *     ({@code OAUTHBEARER}, {@code SASL_OAUTHBEARER_INHERIT}, {@code CUSTOM}) are refused by name. As in
 *     Confluent's client, basic and bearer sources are exclusive.</td></tr>
 * <tr><td>{@code http.connect.timeout.ms}, {@code http.read.timeout.ms}</td><td>10000, 30000</td></tr>
 * <tr><td>{@code max.retries}, {@code retries.wait.ms}, {@code retries.max.wait.ms}</td><td>3, 200, 20000:
 *     retries after 5xx, 408, 429, connection errors and timeouts, with exponential backoff</td></tr>
 * <tr><td>{@code schema.registry.ssl.truststore.*}, {@code schema.registry.ssl.keystore.*},
 *     {@code schema.registry.ssl.key.password}</td><td>TLS, see {@link RegistryTls}</td></tr>
 * </table>
 *
 * @param urls base URLs without user info, tried in this order
 * @param authorization the value of the Authorization header, or null; never shown by {@link #toString()}
 * @param headers       other headers sent with every request (Confluent Cloud's logical cluster and pool)
 * @param sslContext the TLS context for {@code https} URLs, or null for the JDK default
 */
public record RegistryClientSettings(List<URI> urls, Duration connectTimeout, Duration requestTimeout,
                                     int maxRetries, Duration retryBackoff, Duration maxRetryBackoff,
                                     String authorization, Map<String, String> headers, SSLContext sslContext) {

    public static final String URL = SchemaRegistries.URL;
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String BEARER_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    public static final String BEARER_IDENTITY_POOL = "bearer.auth.identity.pool.id";
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    private static final Pattern JAAS_OPTION = Pattern.compile("(username|password)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public RegistryClientSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        headers = Map.copyOf(headers);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
    }

    /** Reads the settings from a serde config; fails naming the key that is wrong. */
    public static RegistryClientSettings fromConfig(Map<String, ?> configs) {
        final Object url = configs.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("'" + URL + "' is not set");
        }
        final List<URI> raw = parseUrls(url.toString());
        final String basicSource = string(configs, CREDENTIALS_SOURCE);
        final String bearerSource = string(configs, BEARER_SOURCE);
        if (basicSource != null && bearerSource != null) {
            throw new IllegalArgumentException("only one of '" + CREDENTIALS_SOURCE + "' and '" + BEARER_SOURCE
                    + "' may be set");
        }
        final Map<String, String> headers = new LinkedHashMap<>();
        final String authorization;
        if (bearerSource != null) {
            authorization = bearer(bearerSource, configs, headers);
        } else {
            final String userInfo = string(configs, USER_INFO);
            final String credentials = credentials(
                    basicSource == null ? (userInfo == null ? "URL" : "USER_INFO") : basicSource, userInfo, raw, configs);
            authorization = credentials == null ? null : basic(credentials);
        }
        final List<URI> urls = raw.stream().map(RegistryClientSettings::withoutUserInfo).toList();
        return new RegistryClientSettings(urls,
                Duration.ofMillis(longValue(configs, CONNECT_TIMEOUT_MS, 10_000)),
                Duration.ofMillis(longValue(configs, READ_TIMEOUT_MS, 30_000)),
                (int) longValue(configs, MAX_RETRIES, 3),
                Duration.ofMillis(longValue(configs, RETRIES_WAIT_MS, 200)),
                Duration.ofMillis(longValue(configs, RETRIES_MAX_WAIT_MS, 20_000)),
                authorization, headers, RegistryTls.sslContext(configs));
    }

    private static String bearer(String source, Map<String, ?> configs, Map<String, String> headers) {
        final String kind = source.toUpperCase(Locale.ROOT);
        if (!kind.equals("STATIC_TOKEN")) {
            throw new IllegalArgumentException("'" + BEARER_SOURCE + "' = '" + source + "' is not supported"
                    + (Set.of("OAUTHBEARER", "SASL_OAUTHBEARER_INHERIT", "CUSTOM").contains(kind)
                    ? " by authwatch's registry client (only STATIC_TOKEN; or use basic auth)" : " (STATIC_TOKEN)"));
        }
        final String token = string(configs, BEARER_TOKEN);
        if (token == null) {
            throw new IllegalArgumentException("'" + BEARER_SOURCE + "' is STATIC_TOKEN but '" + BEARER_TOKEN
                    + "' is not set");
        }
        final String cluster = string(configs, BEARER_LOGICAL_CLUSTER);
        if (cluster != null) {
            headers.put("target-sr-cluster", cluster);
        }
        final String pool = string(configs, BEARER_IDENTITY_POOL);
        if (pool != null) {
            headers.put("Confluent-Identity-Pool-Id", pool);
        }
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "RegistryClientSettings[urls=" + urls + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff
                + ", maxRetryBackoff=" + maxRetryBackoff + ", authorization=" + (authorization == null ? "none" : "***")
                + ", headers=" + headers.keySet() + ", tls=" + (sslContext == null ? "default" : "configured") + "]";
    }

    private static List<URI> parseUrls(String value) {
        final List<URI> urls = new ArrayList<>();
        for (final String part : value.split(",")) {
            final String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            final URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + URL + "' holds an invalid URL: " + e.getMessage(), e);
            }
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("'" + URL + "' must hold http:// or https:// URLs, got '"
                        + withoutUserInfo(uri) + "'");
            }
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("'" + URL + "' holds no URL");
        }
        return urls;
    }

    private static String credentials(String source, String userInfo, List<URI> urls, Map<String, ?> configs) {
        switch (source.trim().toUpperCase(Locale.ROOT)) {
            case "USER_INFO":
                if (userInfo == null) {
                    throw new IllegalArgumentException("'" + CREDENTIALS_SOURCE + "' is USER_INFO but '" + USER_INFO
                            + "' is not set");
                }
                if (!userInfo.contains(":")) {
                    throw new IllegalArgumentException("'" + USER_INFO + "' must be 'user:password'");
                }
                return userInfo;
            case "URL":
                return urls.stream().map(URI::getRawUserInfo).filter(Objects::nonNull)
                        .map(u -> URLDecoder.decode(u, StandardCharsets.UTF_8)).findFirst().orElse(null);
            case "SASL_INHERIT":
                return saslCredentials(string(configs, SASL_JAAS_CONFIG));
            default:
                throw new IllegalArgumentException("'" + CREDENTIALS_SOURCE + "' = '" + source
                        + "' is not supported (USER_INFO, URL or SASL_INHERIT)");
        }
    }

    /** {@code user:password} from the {@code username="…" password="…"} options of a JAAS config. */
    private static String saslCredentials(String jaas) {
        if (jaas == null) {
            throw new IllegalArgumentException("'" + CREDENTIALS_SOURCE + "' is SASL_INHERIT but '" + SASL_JAAS_CONFIG
                    + "' (kafka.sasl.jaas.config) is not set");
        }
        final Map<String, String> options = new LinkedHashMap<>();
        final Matcher m = JAAS_OPTION.matcher(jaas);
        while (m.find()) {
            options.putIfAbsent(m.group(1), m.group(2).replaceAll("\\\\(.)", "$1"));
        }
        if (!options.containsKey("username") || !options.containsKey("password")) {
            throw new IllegalArgumentException("'" + CREDENTIALS_SOURCE + "' is SASL_INHERIT but '" + SASL_JAAS_CONFIG
                    + "' holds no username and password");
        }
        return options.get("username") + ":" + options.get("password");
    }

    private static String basic(String userInfo) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static URI withoutUserInfo(URI uri) {
        final String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        final String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path);
    }

    private static String string(Map<String, ?> configs, String key) {
        final Object value = configs.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static long longValue(Map<String, ?> configs, String key, long defaultValue) {
        final String value = string(configs, key);
        if (value == null) {
            return defaultValue;
        }
        try {
            final long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new IllegalArgumentException("'" + key + "' must not be negative, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got '" + value + "'", e);
        }
    }
}
