package io.authwatch.policy;

/** A path policy or one of its globs is not valid; the message says which part and why. */
public final class InvalidPolicyException extends IllegalArgumentException {

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
