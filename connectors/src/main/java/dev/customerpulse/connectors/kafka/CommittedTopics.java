package dev.customerpulse.connectors.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading what the job committed to a topic, for the command-line tools: raw bytes, read_committed, no consumer group. */
public final class CommittedTopics {
  private CommittedTopics() {}

  /** What {@link #replay} does with each record. */
  @FunctionalInterface
  public interface RecordHandler {
    void accept(ConsumerRecord<byte[], byte[]> record) throws Exception;
  }

  /** A command-line tool gives up on Kafka after 15 s unless the user's client properties say otherwise. */
  static final ClientTimeouts TIMEOUTS = new ClientTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(15));

  /** A consumer of raw bytes that sees only committed records; {@code extra} adds or overrides client properties. */
  public static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings kafka, Map<String, String> extra) {
    Map<String, String> properties = new HashMap<>(Map.of(
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName(),
        "isolation.level", "read_committed"));
    properties.putAll(extra);
    return new KafkaConsumer<>(kafka.clientProperties(properties, TIMEOUTS));
  }

  /** The topic's partitions, or a one-line error when the topic does not exist. */
  public static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    var infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("topic '" + topic + "' does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  /** Hands every committed record of a topic, from its beginning to its end when called, to {@code handler}. */
  public static void replay(KafkaSettings kafka, String topic, RecordHandler handler) throws Exception {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, Map.of("max.poll.records", "5000"))) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          handler.accept(record);
        }
      }
    }
  }
}
