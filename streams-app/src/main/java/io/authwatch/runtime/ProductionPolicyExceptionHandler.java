package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import io.authwatch.registry.SchemaRegistryException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when an output record cannot be written:
 * <ul>
 *   <li>a retriable send error is retried;</li>
 *   <li>a record too large for the broker, or one whose <em>content</em> cannot be serialized, can
 *       never succeed: the source record that produced it goes to the dead-letter queue and
 *       processing goes on (retrying would stop the partition for good);</li>
 *   <li>a serialization error caused by the schema registry (unreachable, refusing the schema) and
 *       any other send error fail the task: under exactly-once the transaction aborts, the thread is
 *       replaced and the same input is processed again once the cause is gone, so nothing is lost.</li>
 * </ul>
 */
public final class ProductionPolicyExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProductionPolicyExceptionHandler.class);

    private String dlqTopic;
    private AuthwatchMetrics metrics = AuthwatchMetrics.noop();

    @Override
    public void configure(Map<String, ?> configs) {
        final Object dlq = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        this.dlqTopic = dlq == null ? null : dlq.toString();
        this.metrics = HandlerMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            return skipToDlq(context, record.topic(), exception);
        }
        LOG.error("Cannot write to topic {}: {}; failing the task so that it is retried", record.topic(),
                exception.toString());
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (causedByRegistry(exception)) {
            LOG.error("Cannot serialize for topic {} because of the schema registry: {}; failing the task "
                    + "so that it is retried", record.topic(), exception.toString());
            return Response.fail();
        }
        return skipToDlq(context, record.topic(), exception);
    }

    private Response skipToDlq(ErrorHandlerContext context, String topic, Exception exception) {
        LOG.warn("Record for topic {} can never be written ({}); its source record (topic {}, partition {}, "
                + "offset {}) goes to the dead-letter queue", topic, exception.toString(), context.topic(),
                context.partition(), context.offset());
        if (dlqTopic == null) {
            return Response.resume();
        }
        final List<ProducerRecord<byte[], byte[]>> dlq = List.of(ExceptionHandlerUtils.buildDeadLetterQueueRecord(
                dlqTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception));
        metrics.dlqRecord();
        return Response.resume(dlq);
    }

    private static boolean causedByRegistry(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException || t instanceof UncheckedIOException
                    || t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
