package io.authwatch.topology;

import io.authwatch.rules.EventValidator;
import io.authwatch.telemetry.TelemetryEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Validates telemetry values before they are re-keyed ({@code input.rekey=true}), so that a bad record
 * fails while its original bytes are still at hand for the DLQ.
 */
final class ValidateTelemetry implements FixedKeyProcessor<String, TelemetryEvent, TelemetryEvent> {

    private FixedKeyProcessorContext<String, TelemetryEvent> context;

    @Override
    public void init(FixedKeyProcessorContext<String, TelemetryEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, TelemetryEvent> record) {
        EventValidator.validateValue(record.value(), context.currentSystemTimeMs());
        context.forward(record);
    }
}
