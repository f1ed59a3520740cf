package io.authwatch.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The FlinkCEP peer's jar, built from a copy of its sources: the source folder may be read-only,
 * so it is copied (without any {@code target/}) to a build folder and built there with
 * {@code mvn -B -q package -DskipTests}, online, so that a fresh machine downloads the peer's
 * dependencies. A jar newer than every copied source is reused.
 */
final class PeerBuild {

    static final String JAR = "target/flinkcep-peer.jar";

    private PeerBuild() {
    }

    static Path ensure(Path source, Path buildDir, String mvn) throws IOException, InterruptedException {
        if (!Files.isRegularFile(source.resolve("pom.xml"))) {
            throw new IllegalArgumentException("no FlinkCEP peer at " + source.toAbsolutePath()
                    + " (pom.xml missing); pass --peer-source DIR or --peer-jar JAR");
        }
        final FileTime newest = copy(source, buildDir);
        final Path jar = buildDir.resolve(JAR);
        if (Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).compareTo(newest) > 0) {
            System.out.println("peer: reusing " + jar);
            return jar;
        }
        System.out.println("peer: mvn -B -q package -DskipTests in " + buildDir);
        final Path log = buildDir.resolve("build.log");
        final Process p = new ProcessBuilder(mvn, "-B", "-q", "package", "-DskipTests").directory(buildDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the peer's build did not end within 30 minutes; see " + log);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(jar)) {
            final List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException("the peer's build failed (exit " + p.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        return jar;
    }

    /** Copies the sources (not {@code target/}) when changed; the newest modification time among them. */
    private static FileTime copy(Path source, Path buildDir) throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        try (Stream<Path> files = Files.walk(source)) {
            for (final Path f : (Iterable<Path>) files::iterator) {
                final Path rel = source.relativize(f);
                if (rel.toString().equals("target") || rel.startsWith("target")) {
                    continue;
                }
                final Path to = buildDir.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                    continue;
                }
                final FileTime modified = Files.getLastModifiedTime(f);
                if (modified.compareTo(newest) > 0) {
                    newest = modified;
                }
                if (!Files.exists(to) || Files.size(to) != Files.size(f)
                        || Files.getLastModifiedTime(to).compareTo(modified) != 0) {
                    Files.deleteIfExists(to);
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    Files.setLastModifiedTime(to, modified);
                    to.toFile().setWritable(true, true);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return newest;
    }
}
