package dev.customerpulse.scoring.fit;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.DecodeException;
import dev.customerpulse.connectors.kafka.CommittedTopics;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.ingest.CustomerKeys;
import java.util.ArrayList;
import java.util.List;

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
    long[] counts = new long[2];
    CommittedTopics.replay(kafka, topic, r -> {
      counts[0]++;
      try {
        OrderEvent order = decoder.decode(r.value());
        if (!CustomerKeys.present(order.getCustomerId())) {
          counts[1]++;
        } else if (order.getStatus() == OrderStatus.PAID) {
          purchases.add(new Transaction(order.getCustomerId(), order.getEventTime().toEpochMilli(), order.getAmountMinor()));
        }
      } catch (DecodeException e) {
        counts[1]++;
      }
    });
    return new Replay(purchases, counts[0], counts[1]);
  }
}
