package io.authwatch.registry.dev;

/** The dev registry's store could not be read or written. */
public final class SchemaStoreException extends RuntimeException {

    public SchemaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
