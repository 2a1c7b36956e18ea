package dev.customerpulse.connectors.kafka;

/** Stable reason codes of dead letters; dashboards and the DLQ tooling group by them. */
public enum DeadLetterReason {
  /** The record value was null or empty. */
  EMPTY_RECORD,
  /** The value does not start with the Confluent header (magic byte 0 and a 4-byte schema id). */
  NOT_CONFLUENT_FRAMED,
  /** The header names a schema id the registry does not know. */
  UNKNOWN_SCHEMA_ID,
  /** The writer schema cannot be read into the job's schema for this topic (wrong record type). */
  INCOMPATIBLE_SCHEMA,
  /** The Avro body is truncated, corrupt or over the size limits. */
  UNDECODABLE_AVRO,
  /** The event decoded but names no customer (no customer id and no anonymous id). */
  MISSING_CUSTOMER_KEY
}
