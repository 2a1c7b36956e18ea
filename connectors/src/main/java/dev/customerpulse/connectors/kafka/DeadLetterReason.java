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
  MISSING_CUSTOMER_KEY,
  /** The event id (or an order's order id) is empty. */
  MISSING_EVENT_ID,
  /** An id, category or other text field is longer than pulse.validation.max-text-length. */
  FIELD_TOO_LONG,
  /** An amount or price is negative or above pulse.validation.max-amount-minor. */
  INVALID_AMOUNT,
  /** A currency is not an ISO 4217 code, or an amount comes without one. */
  INVALID_CURRENCY,
  /** The event time is more than pulse.validation.max-future ahead of the clock. */
  EVENT_TIME_IN_FUTURE,
  /** The event time is before pulse.validation.earliest-event-time. */
  EVENT_TIME_TOO_OLD,
  /** A value outside its domain: satisfaction not 1-5, NPS not 0-10, a negative duration or quantity, too many order lines. */
  INVALID_VALUE,
  /** An email address or phone number that is not one (the dead letter holds it pseudonymised). */
  INVALID_CONTACT,
  /** A timestamp written as text that is in no accepted format, or a slashed date. */
  INVALID_TIMESTAMP,
  /** An identity event that contradicts itself: a MERGE without merged_customer_id or into itself, an anonymous id on a MERGE. */
  INVALID_IDENTITY,
  /** A merge chain that leads back to itself (A into B, then B into A through more ids): the event stopped after too many hops. */
  IDENTITY_LOOP,
  /**
   * Not the record's known fault: an unexpected exception in the job (a bug) while decoding, validating or
   * mapping the record, while the profile operator handled the event, or in a customer's timer. The
   * letter names the exception and the operator; the job goes on, up to pulse.dead-letters.max-processing-errors
   * a minute per subtask.
   */
  PROCESSING_ERROR,
  /** Not a fault: the event is later than pulse.events.allowed-lateness. Sent to the late-events topic, not dead letters. */
  LATE_EVENT,
  /**
   * Not an input record: Redis refused a customer's profile write for its key alone (WRONGTYPE: the key
   * holds another type). The dead letter names the customer and the key and carries no value; the
   * profile stays in the job's state and is written with the customer's next update once the key is fixed.
   */
  REDIS_WRITE_FAILED
}
