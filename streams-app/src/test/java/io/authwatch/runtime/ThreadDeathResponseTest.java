package io.authwatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadDeathResponseTest {

    @Test
    void shouldReplaceADyingStreamThread() throws InterruptedException {
        // Given a stream thread named the way Kafka Streams names them
        // When it dies
        // Then it is replaced
        assertThat(responseIn("authwatch-1f3e-StreamThread-1"))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shouldShutTheClientDownWhenTheGlobalThreadDies() throws InterruptedException {
        // Given the global (policy) thread, which Kafka Streams cannot replace
        // When it dies
        // Then the client is shut down rather than asked for an impossible replacement
        assertThat(responseIn("authwatch-1f3e-GlobalStreamThread"))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    private static StreamThreadExceptionResponse responseIn(String threadName) throws InterruptedException {
        final AtomicReference<StreamThreadExceptionResponse> response = new AtomicReference<>();
        final Thread thread = new Thread(
                () -> response.set(AuthwatchService.onThreadDeath(new IllegalStateException("test"))), threadName);
        thread.start();
        thread.join();
        return response.get();
    }
}
