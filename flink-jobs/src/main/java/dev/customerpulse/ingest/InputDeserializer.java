package dev.customerpulse.ingest;

import dev.customerpulse.connectors.kafka.AvroLimits;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.DecodeException;
import dev.customerpulse.connectors.registry.RegistrySettings;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes one input topic inside its Kafka source: every record becomes either an event or a dead
 * letter, so bad input never fails the job. Registry outages do fail it (and it restarts from the
 * last checkpoint), because dead-lettering good records while the registry is down would lose them
 * from the profiles.
 */
public final class InputDeserializer<T extends SpecificRecord> implements KafkaRecordDeserializationSchema<IngestRecord> {
  private final String input;
  private final ConfluentAvroDecoder<T> decoder;
  private final EventValidator.Check<T> check;
  private final EventMapper.Mapping<T> mapping;
  private transient Counter eventsIn;

  /**
   * @param input short name of the input for metrics ({@code clicks}, {@code orders}, {@code service-calls})
   */
  public InputDeserializer(String input, Class<T> recordClass, RegistrySettings registry, EventValidator.Check<T> check,
      EventMapper.Mapping<T> mapping) {
    this.input = input;
    this.decoder = new ConfluentAvroDecoder<>(recordClass, registry);
    this.check = check;
    this.mapping = mapping;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    AvroLimits.applyDefaults();
    if (!AvroLimits.inEffect()) {
      // Without the limits one record with a corrupt length prefix can exhaust the heap: refuse to start.
      throw new IllegalStateException("Avro's length limits are not in effect in this JVM (Avro was loaded before they"
          + " were set); start it with " + AvroLimits.JVM_OPTIONS + " (Flink: env.java.opts.all)");
    }
    eventsIn = context.getMetricGroup().addGroup("pulse").addGroup("input", input).counter("eventsIn");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, org.apache.flink.util.Collector<IngestRecord> out)
      throws IOException {
    IngestRecord result;
    try {
      T decoded = decoder.decode(record.value());
      check.check(decoded, System.currentTimeMillis());
      result = IngestRecord.of(mapping.map(decoded, record.timestamp()), record);
      if (eventsIn != null) {
        eventsIn.inc();
      }
    } catch (DecodeException e) {
      result = IngestRecord.of(DeadLetters.of(record, e));
    }
    out.collect(result);
  }

  @Override
  public TypeInformation<IngestRecord> getProducedType() {
    return TypeInformation.of(IngestRecord.class);
  }
}
