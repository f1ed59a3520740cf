package io.authwatch.http;

/** A request that cannot be answered, with the HTTP status and a message fit to show the caller. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    static ApiException badGateway(String message) {
        return new ApiException(502, message);
    }

    int status() {
        return status;
    }
}
