package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a Kafka source emits for one input record: the decoded event, or the dead letter that
 * explains why there is none. Exactly one of the two is set.
 */
public class IngestRecord {
  public CustomerEvent event;
  public DeadLetter deadLetter;
  /**
   * The Kafka record an event came from, for the late-events topic. Not serialized: the operator that
   * reads it is chained to the source, so it gets this very object.
   */
  public transient ConsumerRecord<byte[], byte[]> origin;

  public IngestRecord() {}

  public static IngestRecord of(CustomerEvent event) {
    IngestRecord record = new IngestRecord();
    record.event = event;
    return record;
  }

  public static IngestRecord of(CustomerEvent event, ConsumerRecord<byte[], byte[]> origin) {
    IngestRecord record = of(event);
    record.origin = origin;
    return record;
  }

  public static IngestRecord of(DeadLetter deadLetter) {
    IngestRecord record = new IngestRecord();
    record.deadLetter = deadLetter;
    return record;
  }
}
