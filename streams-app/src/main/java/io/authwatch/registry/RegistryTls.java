package io.authwatch.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} for an {@code https} schema registry from Confluent's keys:
 * {@code schema.registry.ssl.truststore.location/password/type} for the certificates to trust and,
 * for mutual TLS, {@code schema.registry.ssl.keystore.location/password/type} and
 * {@code schema.registry.ssl.key.password}. Types default to the JDK's keystore type (PKCS12).
 */
public final class RegistryTls {

    public static final String PREFIX = "schema.registry.ssl.";
    public static final String TRUSTSTORE_LOCATION = PREFIX + "truststore.location";
    public static final String TRUSTSTORE_PASSWORD = PREFIX + "truststore.password";
    public static final String TRUSTSTORE_TYPE = PREFIX + "truststore.type";
    public static final String KEYSTORE_LOCATION = PREFIX + "keystore.location";
    public static final String KEYSTORE_PASSWORD = PREFIX + "keystore.password";
    public static final String KEYSTORE_TYPE = PREFIX + "keystore.type";
    public static final String KEY_PASSWORD = PREFIX + "key.password";

    private RegistryTls() {
    }

    /** The context the keys describe, or null when neither a truststore nor a keystore is set. */
    public static SSLContext sslContext(Map<String, ?> configs) {
        final String trustLocation = string(configs, TRUSTSTORE_LOCATION);
        final String keyLocation = string(configs, KEYSTORE_LOCATION);
        if (trustLocation == null && keyLocation == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            if (trustLocation != null) {
                final KeyStore trust = load(trustLocation, string(configs, TRUSTSTORE_TYPE),
                        string(configs, TRUSTSTORE_PASSWORD), TRUSTSTORE_LOCATION);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (keyLocation != null) {
                final String storePassword = string(configs, KEYSTORE_PASSWORD);
                final KeyStore keys = load(keyLocation, string(configs, KEYSTORE_TYPE), storePassword, KEYSTORE_LOCATION);
                final String keyPassword = string(configs, KEY_PASSWORD);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, chars(keyPassword != null ? keyPassword : storePassword));
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            // the message of a security exception never carries the password
            throw new IllegalArgumentException("cannot set up TLS for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String type, String password, String key)
            throws GeneralSecurityException {
        final KeyStore store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + key + "' = '" + location + "' cannot be read as a "
                    + store.getType() + " store (wrong path, type or password?): " + e.getMessage(), e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static String string(Map<String, ?> configs, String key) {
        final Object value = configs.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
