package io.authwatch.registry.dev;

/** A Confluent REST API error: HTTP status, {@code error_code} and message. */
final class RegistryError extends RuntimeException {

    private final int status;
    private final int errorCode;

    RegistryError(int status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, String version) {
        return new RegistryError(404, 40402, "Version " + version + " not found under subject '" + subject + "'.");
    }

    static RegistryError schemaNotFound(String what) {
        return new RegistryError(404, 40403, what);
    }

    static RegistryError invalidSchema(String message) {
        return new RegistryError(422, 42201, "Invalid schema: " + message);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibility(String level) {
        return new RegistryError(422, 42203, "Invalid compatibility level: " + level
                + ". Valid values are NONE, BACKWARD, FORWARD, FULL, BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, "
                + "and FULL_TRANSITIVE");
    }

    static RegistryError storeFailed(String message) {
        return new RegistryError(500, 50001, "Error in the backend data store: " + message);
    }
}
