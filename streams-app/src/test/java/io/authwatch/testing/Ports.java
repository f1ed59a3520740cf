package io.authwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for servers that tests start themselves. */
public final class Ports {

    private Ports() {
    }

    /** A TCP port free on every interface at the time of the call (the OS may hand it out again later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
