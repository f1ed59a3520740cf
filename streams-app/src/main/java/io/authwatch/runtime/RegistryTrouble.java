package io.authwatch.runtime;

import io.authwatch.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Tells a record that cannot be read because the schema registry is unreachable or refusing
 * service (no answer, a timeout, 408, 429, 5xx, or 401/403: our credentials, not the record) from a
 * record that is itself bad (an unknown schema id is the registry's definite 404). The first kind
 * must never be dead-lettered: the record is fine and is read once the registry is back.
 */
final class RegistryTrouble {

    private RegistryTrouble() {
    }

    static boolean isRegistryUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException e) {
                final int status = e.status();
                if (status == 408 || status == 429 || status >= 500 || status == 401 || status == 403) {
                    return true;
                }
                if (status < 0 && hasIoCause(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasIoCause(Throwable error) {
        for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
