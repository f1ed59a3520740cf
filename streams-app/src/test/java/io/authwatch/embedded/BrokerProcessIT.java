package io.authwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authwatch.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerProcessIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepAcknowledgedRecordsWhenTheBrokerProcessIsKilled() throws Exception {
        // Given a broker in its own process holding an acknowledged record
        final int port = EmbeddedKafkaBroker.freePort();
        final BrokerProcess first = BrokerProcess.start(dataDir, port);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", first.bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     first.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("survives", 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>("survives", "k", "acknowledged")).get();
        }

        // When the process is killed and a new one starts on the same data dir and port
        first.kill();
        try (BrokerProcess second = BrokerProcess.start(dataDir, port);
             TopicReader<String> reader = new TopicReader<>(second.bootstrapServers(), "survives",
                     new StringDeserializer())) {
            // Then the record is still there
            assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.values().isEmpty());
            assertThat(reader.values()).containsExactly("acknowledged");
        }
    }
}
