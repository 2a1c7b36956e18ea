package dev.customerpulse.identity;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.CustomerEventSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the internal customer-handoffs topic: keyed by the customer they are for (so one
 * customer's handoffs stay in order in one partition), the value a format byte and the event in
 * the job's own event encoding. Only this job writes and reads the topic.
 */
public final class HandoffRecords {
  static final int FORMAT = 1;

  private HandoffRecords() {}

  public static byte[] encode(CustomerEvent event) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeByte(FORMAT);
    CustomerEventSerializer.INSTANCE.serialize(event, out);
    return out.getCopyOfBuffer();
  }

  public static CustomerEvent decode(byte[] value) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(value);
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("customer handoff record format " + format + " is not one this job reads (" + FORMAT + ")");
    }
    return CustomerEventSerializer.INSTANCE.deserialize(in);
  }

  /** Writes handoffs. */
  public static final class Serializer implements KafkaRecordSerializationSchema<CustomerEvent> {
    private final String topic;

    public Serializer(String topic) {
      this.topic = topic;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {}

    @Override
    public ProducerRecord<byte[], byte[]> serialize(CustomerEvent event, KafkaSinkContext context, Long timestamp) {
      try {
        return new ProducerRecord<>(topic, null, event.customerKey.getBytes(StandardCharsets.UTF_8), encode(event));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * Reads handoffs. A record this job cannot read fails the job rather than being skipped: only
   * the job writes this topic, so such a record means a downgrade, and skipping it would lose a
   * customer's history.
   */
  public static final class Deserializer implements KafkaRecordDeserializationSchema<CustomerEvent> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CustomerEvent> out) throws IOException {
      CustomerEvent event;
      try {
        event = decode(record.value());
      } catch (IOException e) {
        throw new IOException("customer handoff " + record.topic() + "-" + record.partition() + " offset " + record.offset()
            + " is not one this job reads: " + e.getMessage(), e);
      }
      out.collect(event);
    }

    @Override
    public TypeInformation<CustomerEvent> getProducedType() {
      return TypeInformation.of(CustomerEvent.class);
    }
  }
}
