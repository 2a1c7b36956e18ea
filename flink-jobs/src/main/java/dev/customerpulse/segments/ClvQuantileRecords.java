package dev.customerpulse.segments;

import dev.customerpulse.avro.ClvQuantiles;
import dev.customerpulse.connectors.kafka.AvroRecordSerializer;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.registry.RegistrySettings;
import java.time.LocalDate;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The clv-quantiles topic: {@link ClvCuts} as ClvQuantiles records under the key "clv", both ways. */
public final class ClvQuantileRecords {
  public static final String KEY = "clv";
  private static final Logger LOG = LoggerFactory.getLogger(ClvQuantileRecords.class);

  private ClvQuantileRecords() {}

  public static ClvQuantiles toRecord(ClvCuts cuts) {
    return new ClvQuantiles(LocalDate.ofEpochDay(cuts.day), cuts.customers, cuts.potentialPercentile, cuts.highPercentile,
        cuts.vipPercentile, cuts.potentialMinor, cuts.highMinor, cuts.vipMinor);
  }

  public static ClvCuts fromRecord(ClvQuantiles record) {
    return new ClvCuts(record.getDay().toEpochDay(), record.getCustomers(), record.getPotentialPercentile(),
        record.getHighPercentile(), record.getVipPercentile(), record.getPotentialClvMinor(), record.getHighClvMinor(),
        record.getVipClvMinor());
  }

  /** Writes the percentiles as ClvQuantiles records, key "clv". */
  public static final class Serializer implements KafkaRecordSerializationSchema<ClvCuts> {
    private final AvroRecordSerializer<ClvQuantiles> avro;

    public Serializer(String topic, RegistrySettings registry) {
      this.avro = new AvroRecordSerializer<>(ClvQuantiles.class, topic, registry, record -> KEY);
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
      avro.open(context, sinkContext);
    }

    @Nullable
    @Override
    public ProducerRecord<byte[], byte[]> serialize(ClvCuts cuts, KafkaSinkContext context, Long timestamp) {
      return avro.serialize(toRecord(cuts), context, timestamp);
    }
  }

  /**
   * Reads them back. The topic is the job's own output; a record it cannot read (written by something
   * else) is logged and skipped, and the tiers keep the percentiles they had.
   */
  public static final class Deserializer implements KafkaRecordDeserializationSchema<ClvCuts> {
    private final ConfluentAvroDecoder<ClvQuantiles> decoder;

    public Deserializer(RegistrySettings registry) {
      this.decoder = new ConfluentAvroDecoder<>(ClvQuantiles.class, registry);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ClvCuts> out) {
      if (record.value() == null) {
        return;
      }
      try {
        out.collect(fromRecord(decoder.decode(record.value())));
      } catch (Exception e) {
        LOG.warn("Skipping an unreadable record at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(),
            e.getMessage());
      }
    }

    @Override
    public TypeInformation<ClvCuts> getProducedType() {
      return TypeInformation.of(ClvCuts.class);
    }
  }
}
