package io.authwatch.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp (producer or log-append time) when it is valid; otherwise the
 * partition's highest timestamp so far; otherwise the wall clock. Unlike Kafka's
 * {@code FailOnInvalidTimestamp} it never stops the app over a record from a badly behaved
 * producer, and unlike {@code LogAndSkipOnInvalidTimestamp} it drops nothing. Rules use the
 * events' own {@code eventTime}, so this only orders records and stamps outputs.
 */
public final class SafeTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
    }
}
