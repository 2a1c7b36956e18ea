package dev.customerpulse.generator;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record to produce: an Avro record for an input topic, keyed by customer (or device), and
 * optionally spoiled on the way out so the dead-letter path has something to show.
 */
public record GeneratedEvent(Input input, String key, SpecificRecord record, Corruption corruption) {

  /** The input topic a record goes to. */
  public enum Input { CLICKS, ORDERS, SERVICE_CALLS, IDENTITIES }

  /** Ways a record is malformed on purpose. */
  public enum Corruption { NONE, GARBAGE, WRONG_MAGIC_BYTE, UNKNOWN_SCHEMA_ID, TRUNCATED, EMPTY }

  public GeneratedEvent(Input input, String key, SpecificRecord record) {
    this(input, key, record, Corruption.NONE);
  }
}
