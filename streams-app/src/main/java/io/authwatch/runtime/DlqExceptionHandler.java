package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   <li>Records of the global policy thread go through the {@link DeadLetterSink} (Kafka Streams
 *       does not dead-letter them itself).</li>
 * </ul>
 * Except when the schema registry is unavailable: then the record is not at fault, so the task fails
 * instead; under exactly-once nothing of it is committed, the stream thread is replaced and handles
 * the same record again once the registry answers. Nothing is lost and nothing is dead-lettered for
 * an outage. Logging and the DLQ records are Kafka Streams' own log-and-continue handlers'.
 */
public final class DlqExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DlqExceptionHandler.class);

    private final LogAndContinueExceptionHandler unreadable = new LogAndContinueExceptionHandler();
    private final LogAndContinueProcessingExceptionHandler failed = new LogAndContinueProcessingExceptionHandler();
    private AuthwatchMetrics metrics = AuthwatchMetrics.noop();
    private DeadLetterSink globalSink;

    @Override
    public void configure(Map<String, ?> configs) {
        unreadable.configure(configs);
        failed.configure(configs);
        this.metrics = HandlerMetrics.from(configs);
        this.globalSink = DeadLetterSink.from(configs);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (registryDown(context, exception, "read")) {
            return DeserializationExceptionHandler.Response.fail();
        }
        final DeserializationExceptionHandler.Response response = unreadable.handleError(context, record, exception);
        if (DeadLetterSink.isGlobal(context)) {
            GlobalDeadLetters.send(globalSink, response.deadLetterQueueRecords(), metrics);
            return DeserializationExceptionHandler.Response.resume();
        }
        count(response.deadLetterQueueRecords());
        return response;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        if (registryDown(context, exception, "process")) {
            return ProcessingExceptionHandler.Response.fail();
        }
        final ProcessingExceptionHandler.Response response = failed.handleError(context, record, exception);
        if (DeadLetterSink.isGlobal(context)) {
            GlobalDeadLetters.send(globalSink, response.deadLetterQueueRecords(), metrics);
            return ProcessingExceptionHandler.Response.resume();
        }
        count(response.deadLetterQueueRecords());
        return response;
    }

    private static boolean registryDown(ErrorHandlerContext context, Exception exception, String verb) {
        if (!RegistryTrouble.isRegistryUnavailable(exception)) {
            return false;
        }
        LOG.error("Cannot {} the record at topic {}, partition {}, offset {}: the schema registry is unavailable ({}); "
                + "failing so that it is handled again once the registry answers",
                verb, context.topic(), context.partition(), context.offset(), exception.getMessage());
        return true;
    }

    private void count(List<ProducerRecord<byte[], byte[]>> deadLetters) {
        deadLetters.forEach(r -> metrics.dlqRecord());
    }
}
