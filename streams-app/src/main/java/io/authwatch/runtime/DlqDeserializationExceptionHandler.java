package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose key or value cannot be read is logged (topic, partition, offset: never the key,
 * which holds a user id), sent with its original bytes to the dead-letter queue
 * ({@code errors.dead.letter.queue.topic.name} = {@code topic.dlq}) with the reason in the
 * {@code __streams.errors.*} headers, counted in {@code authwatch_dlq_records_total}, and skipped.
 * Records of the global policy thread go through the {@link DeadLetterSink}.
 *
 * <p>Except when the schema registry is unavailable: then the record is not at fault, so the task
 * fails instead; under exactly-once nothing of it is committed, the stream thread is replaced and
 * reads the same record again, until the registry answers. Nothing is lost and nothing is
 * dead-lettered for an outage.
 */
public final class DlqDeserializationExceptionHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DlqDeserializationExceptionHandler.class);

    private AuthwatchMetrics metrics = AuthwatchMetrics.noop();
    private DeadLetterSink globalSink;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        this.metrics = HandlerMetrics.from(configs);
        this.globalSink = DeadLetterSink.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (RegistryTrouble.isRegistryUnavailable(exception)) {
            LOG.error("Cannot read the record at topic {}, partition {}, offset {}: the schema registry is "
                    + "unavailable ({}); failing so that it is read again once the registry answers",
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
