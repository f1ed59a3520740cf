package io.authwatch.registry;

/** A registry call failed; the message names the subject or id and the registry URL. */
public final class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int status, int errorCode) {
        this(message, status, errorCode, null);
    }

    /** HTTP status of the failing answer, or -1 when no answer came. */
    public int status() {
        return status;
    }

    /** Confluent error code of the failing answer (e.g. 40401 subject not found), or -1. */
    public int errorCode() {
        return errorCode;
    }
}
