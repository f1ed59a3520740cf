package io.authwatch.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link EmbeddedKafkaBroker} in a child JVM (same class path), for fault tests and the benchmark
 * (whose measurements must not count the broker's heap and CPU as the monitor's): {@link #kill()}
 * ends it like a crash (SIGKILL, nothing flushed beyond what the broker already wrote),
 * {@link #close()} stops it cleanly (SIGTERM). Starting another on the same data dir and port
 * resumes the cluster. The child's output is read for as long as it runs, so that it can never
 * block on a full pipe; the output before {@code READY} is kept for the error of a failed start.
 */
public final class BrokerProcess implements AutoCloseable {

    /** The heap of the child unless given. */
    public static final String DEFAULT_HEAP = "512m";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int KEPT_OUTPUT_CHARS = 20_000;

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** {@link #start(Path, int, String)} with the {@value #DEFAULT_HEAP} heap. */
    public static BrokerProcess start(Path dataDir, int port) {
        return start(dataDir, port, DEFAULT_HEAP);
    }

    /**
     * Starts the child with heap {@code heap} (a JVM size such as {@code 1g}) on {@code port} (0: a
     * free one) and returns once it printed {@code READY <bootstrap>}.
     */
    public static BrokerProcess start(Path dataDir, int port, String heap) {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = List.of(java, "-Xmx" + heap, "-Xms" + heap,
                "-cp", System.getProperty("java.class.path"), EmbeddedKafkaBroker.class.getName(),
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port));
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a broker process", e);
        }
        final CompletableFuture<String> ready = new CompletableFuture<>();
        final Thread reader = new Thread(() -> readOutput(process, ready), "broker-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new BrokerProcess(process, ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the broker process did not report READY within " + START_TIMEOUT, e);
        }
    }

    /** Completes {@code ready} with the bootstrap it reports, then keeps draining the output. */
    private static void readOutput(Process process, CompletableFuture<String> ready) {
        final StringBuilder head = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (ready.isDone()) {
                    continue;
                }
                if (line.startsWith("READY ")) {
                    ready.complete(line.substring("READY ".length()).trim());
                } else if (head.length() < KEPT_OUTPUT_CHARS) {
                    head.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process ended: a start that never got READY is reported below
        }
        ready.completeExceptionally(new IllegalStateException("the broker process ended before it was ready:\n" + head));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Ends the broker at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the broker cleanly and waits for it (killing it after a minute). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
