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
 * An {@link EmbeddedKafkaBroker} in a child JVM (same class path), for fault tests: {@link #kill()}
 * ends it like a crash (SIGKILL, nothing flushed beyond what the broker already wrote), {@link #close()}
 * stops it cleanly (SIGTERM). Starting another on the same data dir and port resumes the cluster.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the child and returns once it printed {@code READY <bootstrap>}. */
    public static BrokerProcess start(Path dataDir, int port) {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                EmbeddedKafkaBroker.class.getName(), "--data-dir", dataDir.toString(), "--port", String.valueOf(port));
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a broker process", e);
        }
        final CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process));
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

    private static String readyLine(Process process) {
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return line.substring("READY ".length()).trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the broker process ended before it was ready (exit "
                + process.exitValue() + ")");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Ends the broker at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the broker cleanly and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
