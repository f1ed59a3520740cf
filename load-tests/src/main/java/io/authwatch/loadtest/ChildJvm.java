package io.authwatch.loadtest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A contender's JVM: its output (stdout and stderr together) goes to a log file and, line by line
 * with the {@link System#nanoTime()} at which it was read, to a listener. {@link #close()} stops it
 * with SIGTERM (SIGKILL after a minute).
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    private ChildJvm(Process process, Path log, BiConsumer<String, Long> listener) {
        this.process = process;
        this.reader = new Thread(() -> read(log, listener), "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(List<String> command, Path workingDir, Path log, BiConsumer<String, Long> listener) {
        try {
            Files.createDirectories(log.getParent());
            final Process p = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                    .start();
            return new ChildJvm(p, log, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The java executable of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void read(Path log, BiConsumer<String, Long> listener) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final long now = System.nanoTime();
                out.write(line);
                out.newLine();
                out.flush();
                synchronized (lines) {
                    if (!line.startsWith("[") && lines.size() < 10_000) {
                        lines.add(line);
                    }
                }
                if (listener != null) {
                    listener.accept(line, now);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit code, or throws after {@code seconds}. */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " still runs after " + seconds + " s");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** The lines it printed so far (the first 10,000). */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        reader.join(5_000);
    }
}
