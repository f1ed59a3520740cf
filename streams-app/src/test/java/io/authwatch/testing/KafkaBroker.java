package io.authwatch.testing;

import io.authwatch.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker shared by the tests of one class ({@code *IT}), registered with
 * {@code @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();}.
 *
 * <p>Which broker is chosen by the system property {@value #SWITCH}:
 * <ul>
 *   <li>{@code embedded} (the default): {@link EmbeddedKafkaBroker} in this JVM, no Docker needed;</li>
 *   <li>{@code testcontainers}: the {@value #IMAGE} container of Testcontainers, pinned to the
 *       client version. Without a Docker engine this fails the test class with Testcontainers'
 *       error; it is never skipped.</li>
 * </ul>
 * e.g. {@code mvn -B verify -Dauthwatch.it.kafka=testcontainers}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

    public static final String SWITCH = "authwatch.it.kafka";
    public static final String IMAGE = "apache/kafka:4.4.0";

    private EmbeddedKafkaBroker embedded;
    private KafkaContainer container;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        final String mode = System.getProperty(SWITCH, "embedded").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "embedded" -> {
                dataDir = Files.createTempDirectory("authwatch-it-kafka");
                embedded = EmbeddedKafkaBroker.start(dataDir, 0);
            }
            case "testcontainers" -> {
                container = new KafkaContainer(IMAGE);
                container.start();
            }
            default -> throw new IllegalArgumentException("-D" + SWITCH + "=" + mode
                    + " is neither 'embedded' nor 'testcontainers'");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (embedded != null) {
            embedded.close();
            TempDirs.deleteRecursively(dataDir);
        }
        if (container != null) {
            container.stop();
        }
    }

    /** {@code bootstrap.servers} of the broker. */
    public String bootstrapServers() {
        if (embedded != null) {
            return embedded.bootstrapServers();
        }
        if (container != null) {
            return container.getBootstrapServers();
        }
        throw new IllegalStateException("the broker is not started: register KafkaBroker as a static @RegisterExtension");
    }
}
