package dev.customerpulse.connectors.kafka;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes {@link DeadLetter}s to the dead-letter topic: the Avro record as the value, the original
 * key as the key, and the reason and origin repeated as {@code dlq.*} headers so that plain Kafka
 * tools can filter without decoding.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  public static final String REASON = "dlq.reason";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  public static final String EXCEPTION = "dlq.exception";

  private final String topic;
  private final RegistryAvroSerializationSchema<DeadLetter> value;

  public DeadLetterSerializer(String topic, RegistrySettings registry) {
    this.topic = topic;
    this.value = RegistryAvroSerializationSchema.forSpecific(DeadLetter.class, ConfluentSchemaCoderProvider.forWritingTo(registry, topic));
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
    value.open(context);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, utf8(letter.getReason()));
    headers.add(SOURCE_TOPIC, utf8(letter.getSourceTopic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(letter.getSourcePartition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(letter.getSourceOffset())));
    if (letter.getException() != null) {
      headers.add(EXCEPTION, utf8(letter.getException()));
    }
    byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
    // Write time as the Kafka timestamp; the original record's timestamp is in source_timestamp.
    return new ProducerRecord<>(topic, null, null, key, value.serialize(letter), headers);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
