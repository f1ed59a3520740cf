package io.authwatch.loadtest;

import io.authwatch.embedded.EmbeddedKafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * authwatch's embedded KRaft broker, run as a child process on the benchmark's own classpath so
 * that its heap and CPU are not counted as the monitor's. Stopped with SIGTERM (a clean shutdown).
 */
final class BrokerProcess implements AutoCloseable {

    private static final long READY_SECONDS = 90;

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on a free port keeping its data under {@code dataDir}; returns once it serves. */
    static BrokerProcess start(Path dataDir, String heap) {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx" + heap, "-Xms" + heap,
                "-cp", System.getProperty("java.class.path"), EmbeddedKafkaBroker.class.getName(),
                "--data-dir", dataDir.toString()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        final Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker process", e);
        }
        final CompletableFuture<String> ready = new CompletableFuture<>();
        final Thread reader = new Thread(() -> readOutput(process, ready), "broker-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new BrokerProcess(process, ready.get(READY_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker did not start within " + READY_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting the broker", e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Waits for {@code READY <bootstrap>}, then keeps draining the output (kept only when it fails). */
    private static void readOutput(Process process, CompletableFuture<String> ready) {
        final StringBuilder head = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!ready.isDone()) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring("READY ".length()).trim());
                    } else if (head.length() < 20_000) {
                        head.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; a start that never got READY is reported below
        }
        ready.completeExceptionally(new IllegalStateException("broker exited before it was ready:\n" + head));
    }
}
