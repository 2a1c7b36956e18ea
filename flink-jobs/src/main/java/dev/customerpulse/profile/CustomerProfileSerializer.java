package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.connectors.kafka.ConfluentAvroEncoder;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.scoring.ProfileScorer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes profiles to the compacted profiles topic, keyed by customer; a deleted customer is a tombstone. */
public final class CustomerProfileSerializer implements KafkaRecordSerializationSchema<ProfileUpdate> {
  private final String topic;
  private final ConfluentAvroEncoder<CustomerProfile> value;
  private final ProfileScorer scorer;
  private transient CustomerProfileBinary binary;
  private transient byte[] header;

  public CustomerProfileSerializer(String topic, RegistrySettings registry, ProfileScorer scorer) {
    this.topic = topic;
    this.scorer = scorer;
    this.value = new ConfluentAvroEncoder<>(CustomerProfile.class, registry, topic);
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
    value.open(context);
    binary = new CustomerProfileBinary();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(ProfileUpdate update, KafkaSinkContext context, Long timestamp) {
    byte[] key = update.customerId.getBytes(StandardCharsets.UTF_8);
    // Kept without profiling consent: nothing profiled about them stays on the compacted topic.
    if (update.deleted || update.restricted) {
      return new ProducerRecord<byte[], byte[]>(topic, null, null, key, (byte[]) null);
    }
    if (header == null) {
      header = value.header();
    }
    return new ProducerRecord<>(topic, null, null, key, binary.encode(header, update, update.scores(scorer)));
  }
}
