package io.authwatch.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the child processes that tests start. */
public final class Processes {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private Processes() {
    }

    /**
     * SIGTERM, so that the child runs its shutdown hooks; SIGKILL when it is still running after
     * {@code grace}. Returns once the child is gone (or 10 s after the SIGKILL).
     */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
