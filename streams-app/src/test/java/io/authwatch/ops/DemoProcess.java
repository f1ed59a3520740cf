package io.authwatch.ops;

import static io.authwatch.testing.Ports.freePort;
import static org.awaitility.Awaitility.await;

import io.authwatch.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar target/authwatch.jar demo} as a child process on free ports, as a person starts
 * it: embedded broker, registry, monitor, simulator. Its output goes to {@code demo.log} in its dir.
 */
final class DemoProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "authwatch.jar");

    private final Process process;
    private final int httpPort;
    private final Path dir;

    private DemoProcess(Process process, int httpPort, Path dir) {
        this.process = process;
        this.httpPort = httpPort;
        this.dir = dir;
    }

    /** Starts the demo and waits until its monitor is ready (Kafka Streams RUNNING). */
    static DemoProcess start(Path dir) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first "
                    + "(mvn verify does)");
        }
        Files.createDirectories(dir);
        final int http = freePort();
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder(List.of(java, "-Xmx768m", "-jar", JAR.toAbsolutePath().toString(), "demo",
                "--data-dir", dir.resolve("data").toAbsolutePath().toString(),
                "--kafka-port", String.valueOf(freePort()), "--registry-port", String.valueOf(freePort()),
                "--http-port", String.valueOf(http), "--summary-every", "PT30S"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile()).start();
        final DemoProcess demo = new DemoProcess(p, http, dir);
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .failFast("the demo exited, see " + dir.resolve("demo.log"), () -> !p.isAlive())
                    .until(() -> demo.status("/readyz") == 200);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    Path dir() {
        return dir;
    }

    int status(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the demo as Ctrl-C does (its shutdown hook closes the parts in order). */
    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(60));
    }
}
