package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The one policy for records the app cannot handle, used both as the deserialization and as the
 * processing exception handler: the failure is logged (topic, partition, offset: never the key, which
 * holds a user id), the record goes with its original bytes to the dead-letter queue
 * ({@code errors.dead.letter.queue.topic.name} = {@code topic.dlq}) with the reason in the
 * {@code __streams.errors.*} headers, it is counted in {@code authwatch_dlq_records_total}, and
 * processing goes on: one bad record never stops the app.
 * <ul>
 *   <li>A key or value that cannot be read: that record, as read.</li>
 *   <li>An exception thrown by a processor (or a punctuation): the <em>source</em> record that led to
 *       it, raw key and value as read from the input topic.</li>
 * </ul>
 * Logging and the DLQ records are Kafka Streams' own log-and-continue handlers'; this adds the count.
 */
public final class DlqExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private final LogAndContinueExceptionHandler unreadable = new LogAndContinueExceptionHandler();
    private final LogAndContinueProcessingExceptionHandler failed = new LogAndContinueProcessingExceptionHandler();
    private AuthwatchMetrics metrics = AuthwatchMetrics.noop();

    @Override
    public void configure(Map<String, ?> configs) {
        unreadable.configure(configs);
        failed.configure(configs);
        this.metrics = HandlerMetrics.from(configs);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        final DeserializationExceptionHandler.Response response = unreadable.handleError(context, record, exception);
        count(response.deadLetterQueueRecords());
        return response;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        final ProcessingExceptionHandler.Response response = failed.handleError(context, record, exception);
        count(response.deadLetterQueueRecords());
        return response;
    }

    private void count(List<?> deadLetters) {
        deadLetters.forEach(r -> metrics.dlqRecord());
    }
}
