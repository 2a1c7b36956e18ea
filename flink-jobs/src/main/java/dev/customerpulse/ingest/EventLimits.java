package dev.customerpulse.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * What a valid input event looks like, beyond its schema.
 *
 * @param maxTextLength longest id, category or other text field, in characters
 * @param maxAmountMinor largest order amount, line price or shown price, in minor units
 * @param maxFuture how far ahead of the ingesting machine's clock an event time may be
 * @param earliestEventTime event times before this are refused
 * @param maxOrderLines most lines one order event may carry
 */
public record EventLimits(int maxTextLength, long maxAmountMinor, Duration maxFuture, Instant earliestEventTime,
    int maxOrderLines) implements Serializable {

  public EventLimits {
    if (maxTextLength < 1 || maxAmountMinor < 1 || maxOrderLines < 1 || maxFuture.isNegative()) {
      throw new IllegalArgumentException("event limits must be positive");
    }
  }

  public static EventLimits defaults() {
    return new EventLimits(128, 10_000_000_000L, Duration.ofDays(1), Instant.parse("1990-01-01T00:00:00Z"), 1_000);
  }
}
