package io.authwatch.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} serving its handlers on {@code bind:port} ({@code port} 0 picks a free one)
 * on an executor it owns; closing it stops serving at once and ends the executor's threads. The
 * monitor's {@link OpsHttpServer} and the dev schema registry both run on one.
 */
public final class HttpListener implements AutoCloseable {

    private static final int BACKLOG = 64;
    private static final long THREADS_EXIT_SECONDS = 5;

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpListener(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code contexts} (path prefix to handler) on {@code executor}, which the listener
     * owns from now on: it is shut down here too when the address cannot be bound.
     */
    public static HttpListener start(String bind, int port, ExecutorService executor,
                                     Map<String, HttpHandler> contexts) throws IOException {
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), BACKLOG);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        contexts.forEach(server::createContext);
        server.setExecutor(executor);
        server.start();
        return new HttpListener(server, executor);
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, …: they never keep the JVM alive. */
    public static ThreadFactory daemonThreads(String prefix) {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(THREADS_EXIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
