package dev.customerpulse.scoring.fit;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.DecodeException;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.ingest.CustomerKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Replays an orders topic from its beginning to its current end (read_committed, no consumer
 * group) and keeps the paid orders of known customers: what the streaming job counts as purchases.
 */
public final class OrderTopicReader {
  /** The purchases read and how many records were skipped as undecodable or without a customer. */
  public record Replay(List<Transaction> purchases, long records, long skipped) {}

  private OrderTopicReader() {}

  public static Replay read(KafkaSettings kafka, RegistrySettings registry, String topic) throws Exception {
    ConfluentAvroDecoder<OrderEvent> decoder = new ConfluentAvroDecoder<>(OrderEvent.class, registry);
    List<Transaction> purchases = new ArrayList<>();
    long records = 0;
    long skipped = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName(),
        "isolation.level", "read_committed",
        "max.poll.records", "5000",
        "default.api.timeout.ms", "15000")))) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("topic '" + topic + "' does not exist");
      }
      List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          records++;
          try {
            OrderEvent order = decoder.decode(r.value());
            if (!CustomerKeys.present(order.getCustomerId())) {
              skipped++;
            } else if (order.getStatus() == OrderStatus.PAID) {
              purchases.add(new Transaction(order.getCustomerId(), order.getEventTime().toEpochMilli(), order.getAmountMinor()));
            }
          } catch (DecodeException e) {
            skipped++;
          }
        }
      }
    }
    return new Replay(purchases, records, skipped);
  }
}
