package io.authwatch.runtime;

import io.authwatch.metrics.AuthwatchMetrics;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the dead-letter records of the global thread through the {@link DeadLetterSink}, counting those written. */
final class GlobalDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalDeadLetters.class);

    private GlobalDeadLetters() {
    }

    static void send(DeadLetterSink sink, List<ProducerRecord<byte[], byte[]>> records, AuthwatchMetrics metrics) {
        for (final ProducerRecord<byte[], byte[]> record : records) {
            if (sink == null) {
                LOG.error("A policy record cannot be dead-lettered: no dead-letter sink is configured; it is skipped");
            } else if (sink.send(record)) {
                metrics.dlqRecord();
            }
        }
    }
}
