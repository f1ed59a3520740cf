package io.authwatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.cli.Main;
import io.authwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in a JVM whose RocksDB unpack directory cannot take the native library (as in a
 * container with a read-only root file system and no writable /tmp) exits 3 with a message naming
 * that directory, before it connects anywhere, instead of a stack trace.
 */
class RocksDbNativeLibraryTest {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldExit3NamingTheTmpdirWhenItIsNotADirectory() throws IOException {
        // Given java.io.tmpdir below a regular file, which no user (root included) can create
        final Path file = Files.writeString(dir.resolve("a-file"), "x");
        final Path tmpdir = file.resolve("tmp");

        // When the monitor is started
        final ChildJvm run = run(List.of("-Djava.io.tmpdir=" + tmpdir), Map.of());

        // Then it exits 3 with one clear message naming the directory, and no stack trace
        assertThat(run.awaitExit(EXIT_TIMEOUT)).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("cannot load RocksDB's native library: it is unpacked into java.io.tmpdir="
                + tmpdir + ", which is not a directory", "Mount a writable volume there")
                .doesNotContain("\tat org.rocksdb");
    }

    @Test
    void shouldExit3NamingTheTmpdirWhenItIsReadOnly() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root may write to a read-only directory; the not-a-directory case covers root");
        final Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));

        final ChildJvm run = run(List.of("-Djava.io.tmpdir=" + readOnly), Map.of());

        assertThat(run.awaitExit(EXIT_TIMEOUT)).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("java.io.tmpdir=" + readOnly + ", which is not writable");
    }

    @Test
    void shouldNameRocksDbsOwnVariableWhenItPointsAtAMissingDirectory() {
        final Path missing = dir.resolve("no-such-dir");

        final ChildJvm run = run(List.of(), Map.of(RocksDbNativeLibrary.SHAREDLIB_DIR, missing.toString()));

        assertThat(run.awaitExit(EXIT_TIMEOUT)).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("it is unpacked into ROCKSDB_SHAREDLIB_DIR=" + missing
                + ", which is not a directory");
    }

    private ChildJvm run(List<String> jvmOptions, Map<String, String> env) {
        // nothing listens on port 1: had the monitor got as far as Kafka, it would say so instead
        return ChildJvm.start("authwatch-run", dir.resolve("run.log"), jvmOptions, Main.class.getName(),
                List.of("run"), withBase(env));
    }

    private static Map<String, String> withBase(Map<String, String> env) {
        final java.util.HashMap<String, String> all = new java.util.HashMap<>(env);
        all.put("AUTHWATCH_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        all.put("AUTHWATCH_HTTP_PORT", "0");
        return all;
    }
}
