package dev.customerpulse.cli;

import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Preflight;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes one record and waits until the broker has it (idempotent, all replicas); a failure is one line. */
final class OneRecord {
  private OneRecord() {}

  static void send(KafkaSettings kafka, String clientId, String topic, String key, byte[] value) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName(),
        "enable.idempotence", "true",
        "acks", "all",
        "client.id", clientId)))) {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new ConfigException("cannot write to " + topic + ": " + Preflight.rootMessage(e));
    }
  }
}
