package io.authwatch.rules;

/**
 * A telemetry record that cannot be evaluated (missing or oversized field, impossible time, key not
 * matching the value). Thrown by the detection processor before any state is touched, so the
 * processing exception handler can route the record to the DLQ with this message as the reason.
 * Messages name the field, never its value when the value could identify a user.
 */
public final class InvalidEventException extends RuntimeException {

    private final String field;

    public InvalidEventException(String field, String problem) {
        super("invalid telemetry event: " + field + " " + problem);
        this.field = field;
    }

    /** The offending field ({@code key}, {@code value}, {@code seq}, {@code payload.path}, …). */
    public String field() {
        return field;
    }
}
