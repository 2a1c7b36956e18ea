package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.AvroLimits;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes one input topic inside its Kafka source: every record becomes either an event or a dead
 * letter, so bad input never fails the job. A schema id the registry does not know is asked for a
 * few more times before its record is a dead letter (a replica may lag behind a new schema). A
 * registry outage is waited out here, the source reading nothing meanwhile, for
 * pulse.registry.outage-tolerance; beyond it, or with refused credentials, the task fails (and
 * restarts from the last checkpoint): dead-lettering good records while the registry is down would
 * lose them from the profiles.
 */
public final class InputDeserializer<T extends SpecificRecord> implements KafkaRecordDeserializationSchema<IngestRecord> {
  private final String input;
  private final ConfluentAvroDecoder<T> decoder;
  private final EventValidator.Check<T> check;
  private final EventMapper.Mapping<T> mapping;
  private final PersonalData<T> personalData;
  private transient Counter eventsIn;

  /** For inputs that carry personal data: what a dead letter may keep of a record. */
  public interface PersonalData<T> extends java.io.Serializable {
    /** The value a dead letter keeps of a decoded record: the record with its personal data pseudonymised. */
    byte[] scrubbedValue(T decoded);
  }

  /**
   * @param input short name of the input for metrics ({@code clicks}, {@code orders}, {@code service-calls})
   * @param decoder how record values are decoded: through the registry in the job, through a fixed set
   *     of schemas in tests that run the pipeline on in-memory records
   * @param personalData how to keep dead letters of this input free of personal data, null when it carries none
   */
  public InputDeserializer(String input, ConfluentAvroDecoder<T> decoder, EventValidator.Check<T> check,
      EventMapper.Mapping<T> mapping, PersonalData<T> personalData) {
    this.input = input;
    this.decoder = decoder;
    this.check = check;
    this.mapping = mapping;
    this.personalData = personalData;
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
    decoder.registerRegistryMetrics(context.getMetricGroup().addGroup("pulse").addGroup("registry"));
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, org.apache.flink.util.Collector<IngestRecord> out)
      throws IOException {
    T decoded = null;
    CustomerEvent event;
    try {
      decoded = decoder.decode(record.value());
      check.check(decoded, System.currentTimeMillis());
      event = mapping.map(decoded, record.timestamp());
    } catch (DecodeException e) {
      out.collect(IngestRecord.of(personalData == null ? DeadLetters.of(record, e) : scrubbed(DeadLetters.of(record, e), decoded)));
      return;
    }
    if (eventsIn != null) {
      eventsIn.inc();
    }
    if (event == null) {
      return;
    }
    out.collect(IngestRecord.of(event, record));
    CustomerEvent link = EventMapper.linkOf(event);
    if (link != null) {
      out.collect(IngestRecord.of(link, record));
    }
  }

  /**
   * A dead letter of a topic with personal data keeps the record with that data pseudonymised, or,
   * when the record could not even be decoded, no value at all: it stays readable at its source offset.
   */
  private DeadLetter scrubbed(DeadLetter letter, T decoded) {
    if (decoded != null) {
      letter.setValue(java.nio.ByteBuffer.wrap(personalData.scrubbedValue(decoded)));
    } else {
      letter.setValue(null);
      letter.setDetail(letter.getDetail() + " (value withheld: " + input + " carries personal data; the record stays at"
          + " its source offset)");
    }
    if (letter.getException() != null) {
      // Exception messages may quote the record.
      letter.setException(letter.getException().replaceFirst(":.*", "").strip());
    }
    return letter;
  }

  @Override
  public TypeInformation<IngestRecord> getProducedType() {
    return TypeInformation.of(IngestRecord.class);
  }
}
