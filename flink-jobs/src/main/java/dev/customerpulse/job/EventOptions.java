package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Event time, validation of input events and de-duplication. A section of {@link PulseOptions}. */
public interface EventOptions {
  ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("pulse.events.max-out-of-orderness")
      .durationType().defaultValue(Duration.ofSeconds(10))
      .withDescription("How far behind the newest event time an event may arrive and still be on time.");

  ConfigOption<Duration> ALLOWED_LATENESS = key("pulse.events.allowed-lateness")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("How far behind its input's watermark an event may be and still count (in its own day's bucket)."
          + " Later events are not applied: they go to the late-events topic.");

  ConfigOption<Duration> SOURCE_IDLENESS = key("pulse.events.source-idleness")
      .durationType().defaultValue(Duration.ofSeconds(30))
      .withDescription("A Kafka partition without events for this long stops holding back event time.");

  ConfigOption<Integer> VALIDATION_MAX_TEXT_LENGTH = key("pulse.validation.max-text-length")
      .intType().defaultValue(128)
      .withDescription("Longest id, category or other text field of an input event, in characters; longer ones are dead"
          + " letters (FIELD_TOO_LONG).");

  ConfigOption<Long> VALIDATION_MAX_AMOUNT = key("pulse.validation.max-amount-minor")
      .longType().defaultValue(10_000_000_000L)
      .withDescription("Largest order amount, line price or shown price in minor units; negative or larger amounts are dead"
          + " letters (INVALID_AMOUNT).");

  ConfigOption<Duration> VALIDATION_MAX_FUTURE = key("pulse.validation.max-future")
      .durationType().defaultValue(Duration.ofDays(1))
      .withDescription("How far ahead of the job's clock an event time may be (EVENT_TIME_IN_FUTURE beyond). A generator"
          + " that runs customer time faster than the clock needs more.");

  ConfigOption<String> VALIDATION_EARLIEST = key("pulse.validation.earliest-event-time")
      .stringType().defaultValue("1990-01-01T00:00:00Z")
      .withDescription("Event times before this ISO-8601 instant are dead letters (EVENT_TIME_TOO_OLD).");

  ConfigOption<Integer> VALIDATION_MAX_ORDER_LINES = key("pulse.validation.max-order-lines")
      .intType().defaultValue(1_000)
      .withDescription("Most lines an order event may carry (INVALID_VALUE beyond).");

  ConfigOption<Duration> DEDUP_HORIZON = key("pulse.dedup.horizon")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("How long each event id is remembered (processing time, per customer, RocksDB state with TTL) so that"
          + " a producer retry or a replay of the same event is counted once. 0 turns de-duplication off.");
}
