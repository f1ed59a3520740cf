package io.authwatch.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs some tests need (promtool, prometheus, chromium). .ci/run installs them, so on
 * CI ({@code CI=true}) a missing one is a failure; on a developer's machine the test is skipped.
 */
public final class Tools {

    private Tools() {
    }

    /** The absolute path of {@code name} on the PATH (or /usr/bin). */
    public static String find(String name) {
        final String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
        for (final String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        final String message = name + " is not installed (.ci/run installs it with apt-get)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return null;
    }
}
