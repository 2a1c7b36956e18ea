package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.AvroLimits;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one input topic inside its Kafka source: every record becomes either an event or a dead
 * letter, so bad input never fails the job; an unexpected exception while validating or mapping a
 * record (a bug) makes it a PROCESSING_ERROR dead letter too ({@code RouteDeadLetters} fails the job
 * when they come too often). A schema id the registry does not know is asked for a
 * few more times before its record is a dead letter (a replica may lag behind a new schema). A
 * registry outage is waited out here, the source reading nothing meanwhile, for
 * pulse.registry.outage-tolerance; beyond it, or with refused credentials, the task fails (and
 * restarts from the last checkpoint): dead-lettering good records while the registry is down would
 * lose them from the profiles.
 */
public final class InputDeserializer<T extends SpecificRecord> implements KafkaRecordDeserializationSchema<IngestRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(InputDeserializer.class);
  private final String input;
  private final ConfluentAvroDecoder<T> decoder;
  private final EventValidator.Check<T> check;
  private final EventMapper.Mapping<T> mapping;
  private final PersonalData<T> personalData;
  private final DeadLetterLimits limits;
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
   * @param limits how much of a rejected record its dead letter keeps
   */
  public InputDeserializer(String input, ConfluentAvroDecoder<T> decoder, EventValidator.Check<T> check,
      EventMapper.Mapping<T> mapping, PersonalData<T> personalData, DeadLetterLimits limits) {
    this.input = input;
    this.decoder = decoder;
    this.check = check;
    this.mapping = mapping;
    this.personalData = personalData;
    this.limits = limits;
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
    CustomerEvent link;
    String step = "validating";
    try {
      // Decoding turns every fault of the record into a reason (Avro's own exceptions are
      // UNDECODABLE_AVRO); what else it throws is the registry's, which must fail the job, not the record.
      decoded = decoder.decode(record.value());
      check.check(decoded, System.currentTimeMillis());
      step = "mapping";
      event = mapping.map(decoded, record.timestamp());
      link = event == null ? null : EventMapper.linkOf(event);
    } catch (DecodeException e) {
      out.collect(IngestRecord.of(personalData == null ? DeadLetters.of(record, e, operator(), limits) : scrubbed(record, decoded, e)));
      return;
    } catch (RuntimeException e) {
      // Exception messages of inputs with personal data may quote it: only the class then.
      LOG.warn("PROCESSING_ERROR: {} record {}-{}@{} is a dead letter", input, record.topic(), record.partition(), record.offset(),
          personalData == null ? e : e.getClass().getName());
      DecodeException failure = new DecodeException(DeadLetterReason.PROCESSING_ERROR, "unexpected " + e.getClass().getSimpleName()
          + " while " + step + " the record: a fault in the job, not a known input problem; re-publish it after the fix", e);
      out.collect(IngestRecord.of(personalData == null ? DeadLetters.of(record, failure, operator(), limits)
          : scrubbedAfterFault(record, decoded, failure)));
      return;
    }
    if (eventsIn != null) {
      eventsIn.inc();
    }
    if (event == null) {
      return;
    }
    out.collect(IngestRecord.of(event, record));
    if (link != null) {
      out.collect(IngestRecord.of(link, record));
    }
  }

  /** The name dead letters of this source give as their operator. */
  private String operator() {
    return "source: " + input;
  }

  /**
   * A dead letter of a topic with personal data keeps the record with that data pseudonymised, or,
   * when the record could not even be decoded, no value at all: it stays readable at its source offset.
   */
  private DeadLetter scrubbed(ConsumerRecord<byte[], byte[]> record, T decoded, DecodeException failure) {
    return withoutPersonalData(decoded == null ? null : personalData.scrubbedValue(decoded), record, failure);
  }

  /** As {@link #scrubbed}, but after an unexpected exception, which pseudonymising the record may meet again. */
  private DeadLetter scrubbedAfterFault(ConsumerRecord<byte[], byte[]> record, T decoded, DecodeException failure) {
    byte[] value = null;
    if (decoded != null) {
      try {
        value = personalData.scrubbedValue(decoded);
      } catch (RuntimeException again) {
        value = null;
      }
    }
    return withoutPersonalData(value, record, failure);
  }

  private DeadLetter withoutPersonalData(byte[] value, ConsumerRecord<byte[], byte[]> record, DecodeException failure) {
    DeadLetter letter = DeadLetters.of(record, value, failure, operator(), limits);
    if (value == null) {
      letter.setDetail(DeadLetterBounds.text(letter.getDetail() + " (value withheld: " + input + " carries personal data; the"
          + " record stays at its source offset)"));
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
