package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception thrown by a processor (or a punctuation) is logged, the <em>source</em> record that
 * led to it (raw key and value as read from the input topic) goes to the dead-letter queue with the
 * reason in the {@code __streams.errors.*} headers, it is counted in
 * {@code authwatch_dlq_records_total}, and processing goes on: one bad record never stops the app.
 * Records of the global policy thread go through the {@link DeadLetterSink}.
 *
 * <p>Except when the schema registry is unavailable (a store or output value whose schema is not
 * registered yet cannot be serialized): the record is not at fault, so the task fails instead; under
 * exactly-once nothing of it is committed, the stream thread is replaced and processes the record
 * again once the registry answers.
 */
public final class DlqProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DlqProcessingExceptionHandler.class);

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
        if (RegistryTrouble.isRegistryUnavailable(exception)) {
            LOG.error("Cannot process the record at topic {}, partition {}, offset {}: the schema registry is "
                    + "unavailable ({}); failing so that it is processed again once the registry answers",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        final Response response = super.handleError(context, record, exception);
        if (DeadLetterSink.isGlobal(context)) {
            GlobalDeadLetters.send(globalSink, response.deadLetterQueueRecords(), metrics);
            return Response.resume();
        }
        response.deadLetterQueueRecords().forEach(r -> metrics.dlqRecord());
        return response;
    }
}
