package io.authwatch.runtime;

/** The monitor cannot start; the message says what to fix (a missing topic, an unreachable registry). */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
