package io.authwatch.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test classpath run as a separate JVM, as an operator would run it, so that a
 * test can kill it for real ({@link #kill()} is {@code kill -9}) or stop it with SIGTERM
 * ({@link #stop}), which runs its shutdown hooks. Standard output and error are appended to a log
 * file that survives restarts; each start writes a marker line first.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long logOffset;

    private ChildJvm(String name, Process process, Path logFile, long logOffset) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logOffset = logOffset;
    }

    /**
     * Starts {@code mainClass args} in a new JVM on this JVM's test classpath.
     *
     * @param jvmOptions e.g. heap size and system properties
     * @param env        variables added to this process's environment
     */
    public static ChildJvm start(String name, Path logFile, List<String> jvmOptions, String mainClass,
                                 List<String> args, Map<String, String> env) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath());
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "==== " + Instant.now() + " start " + name + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            final long offset = Files.size(logFile);
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            return new ChildJvm(name, builder.start(), logFile, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The test classpath: surefire's own list when forked by it (its booter jar only holds a manifest). */
    private static String classpath() {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no clean close. Waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(STOP_TIMEOUT);
    }

    /** SIGTERM: the process runs its shutdown hooks. Returns its exit code; kills it if it hangs. */
    public int stop() {
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            kill();
            throw new IllegalStateException(name + " did not stop within " + STOP_TIMEOUT + "; killed it");
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; its exit code, or null when it is still running. */
    public Integer awaitExit(Duration timeout) {
        return waitFor(timeout) ? process.exitValue() : null;
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** What this run of the process has written so far. */
    public String output() {
        final String all = readLog(logFile);
        return all.length() <= logOffset ? "" : all.substring((int) Math.min(logOffset, all.length()));
    }

    /** How often {@code text} occurs in this run's output. */
    public int count(String text) {
        final String out = output();
        int n = 0;
        for (int i = out.indexOf(text); i >= 0; i = out.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    /** Waits until this run's output holds {@code text} at least {@code times} times. */
    public void awaitOutput(String text, int times, Duration timeout) {
        await().pollInterval(Duration.ofMillis(200)).atMost(timeout)
                .failFast(name + " exited: " + tail(), () -> !process.isAlive())
                .until(() -> count(text) >= times);
    }

    /** The last lines of this run's output, for failure messages. */
    public String tail() {
        final String out = output();
        return out.length() <= 4000 ? out : "…" + out.substring(out.length() - 4000);
    }

    /** The whole log file, every run. */
    public static String readLog(Path logFile) {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
