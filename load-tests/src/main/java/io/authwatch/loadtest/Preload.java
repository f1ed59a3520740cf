package io.authwatch.loadtest;

import io.authwatch.simulator.GeneratedEvent;
import io.authwatch.simulator.TrafficGenerator;
import io.authwatch.telemetry.TelemetryEvent;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a whole generated dataset to a topic before any application reads it. */
final class Preload {

    /** What was written: records, distinct keys (an estimate, ±2 %), how long it took. */
    record Result(long records, long distinctKeys, double seconds) {
    }

    private Preload() {
    }

    static Result run(TrafficGenerator generator, Producer<String, TelemetryEvent> producer, String topic) {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final HllSketch keys = new HllSketch(12);
        final long start = System.nanoTime();
        long records = 0;
        while (generator.hasNext()) {
            final GeneratedEvent e = generator.next();
            producer.send(new ProducerRecord<>(topic, e.key(), e.value()), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            keys.update(e.key());
            records++;
            if (failure.get() != null) {
                break;
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("cannot write the input to " + topic, failure.get());
        }
        return new Result(records, Math.round(keys.getEstimate()), (System.nanoTime() - start) / 1e9);
    }
}
