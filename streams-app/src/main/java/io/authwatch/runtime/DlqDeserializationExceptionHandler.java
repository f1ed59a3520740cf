package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * A record whose key or value cannot be read is logged (topic, partition, offset: never the key,
 * which holds a user id), sent with its original bytes to the dead-letter queue
 * ({@code errors.dead.letter.queue.topic.name} = {@code topic.dlq}) with the reason in the
 * {@code __streams.errors.*} headers, counted in {@code authwatch_dlq_records_total}, and skipped.
 */
public final class DlqDeserializationExceptionHandler extends LogAndContinueExceptionHandler {

    private AuthwatchMetrics metrics = AuthwatchMetrics.noop();

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        this.metrics = HandlerMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        final Response response = super.handleError(context, record, exception);
        response.deadLetterQueueRecords().forEach(r -> metrics.dlqRecord());
        return response;
    }
}
