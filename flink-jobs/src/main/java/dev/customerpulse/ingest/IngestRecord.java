package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;

/**
 * What a Kafka source emits for one input record: the decoded event, or the dead letter that
 * explains why there is none. Exactly one of the two is set.
 */
public class IngestRecord {
  public CustomerEvent event;
  public DeadLetter deadLetter;

  public IngestRecord() {}

  public static IngestRecord of(CustomerEvent event) {
    IngestRecord record = new IngestRecord();
    record.event = event;
    return record;
  }

  public static IngestRecord of(DeadLetter deadLetter) {
    IngestRecord record = new IngestRecord();
    record.deadLetter = deadLetter;
    return record;
  }
}
