package dev.customerpulse.connectors.kafka;

import dev.customerpulse.connectors.registry.RegistrySettings;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes generated Avro records to one topic in the Confluent wire format, keyed by a UTF-8
 * string (the customer id) so that all records of a customer land in one partition, in order.
 */
public final class AvroRecordSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
  private final String topic;
  private final SerializableFunction<T, String> key;
  private final ConfluentAvroEncoder<T> value;

  public AvroRecordSerializer(Class<T> recordClass, String topic, RegistrySettings registry,
      SerializableFunction<T, String> key) {
    this.topic = topic;
    this.key = key;
    this.value = new ConfluentAvroEncoder<>(recordClass, registry, topic);
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
    value.open(context);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
    // The Kafka timestamp is the write time: event time is in the record itself, and brokers refuse
    // timestamps too far from their clock (log.message.timestamp.after.max.ms, 1 h by default in Kafka 4).
    return new ProducerRecord<>(topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8),
        value.encode(element));
  }
}
