package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An exception thrown by a processor (or a punctuation) is logged, the <em>source</em> record that
 * led to it (raw key and value as read from the input topic) goes to the dead-letter queue with the
 * reason in the {@code __streams.errors.*} headers, it is counted in
 * {@code authwatch_dlq_records_total}, and processing goes on: one bad record never stops the app.
 * Records of the global policy thread (an invalid policy) go through the {@link DeadLetterSink}.
 */
public final class DlqProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {

    private AuthwatchMetrics metrics = AuthwatchMetrics.noop();
    private DeadLetterSink globalSink;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        this.metrics = HandlerMetrics.from(configs);
        this.globalSink = DeadLetterSink.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        final Response response = super.handleError(context, record, exception);
        if (DeadLetterSink.isGlobal(context)) {
            GlobalDeadLetters.send(globalSink, response.deadLetterQueueRecords(), metrics);
            return Response.resume();
        }
        response.deadLetterQueueRecords().forEach(r -> metrics.dlqRecord());
        return response;
    }
}
