package dev.customerpulse.connectors.registry;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How patient the registry client is with an id the registry does not know yet and with a registry
 * it cannot reach.
 *
 * @param unknownIdRetries how many more times a schema id the registry answers 404 for is asked for
 *     (a replica may not have the new schema yet) before the record is an {@code UNKNOWN_SCHEMA_ID}
 *     dead letter; 0 dead-letters at the first 404
 * @param unknownIdBackoff wait before the first of those retries, doubled before each next one (up to
 *     {@link #UNKNOWN_ID_BACKOFF_MAX})
 * @param unknownIdMemory how long the verdict "unknown" is kept for an id once its retries are spent:
 *     further records with the id become dead letters at once, without retries; 0 keeps no verdict
 * @param outageTolerance how long the registry may stay unreachable (connection refused, timeouts,
 *     HTTP 5xx) while the caller waits and retries before it fails; 0 fails at the first such error
 * @param outageBackoffMax longest wait between two tries during an outage (the first wait is
 *     {@link #FIRST_OUTAGE_BACKOFF}, doubled each time up to this)
 */
public record RegistryRetries(int unknownIdRetries, Duration unknownIdBackoff, Duration unknownIdMemory,
    Duration outageTolerance, Duration outageBackoffMax) implements Serializable {

  /** The first wait after a failed try during an outage. */
  public static final Duration FIRST_OUTAGE_BACKOFF = Duration.ofMillis(100);
  /** The longest wait between two requests for an unknown schema id. */
  public static final Duration UNKNOWN_ID_BACKOFF_MAX = Duration.ofSeconds(10);

  public RegistryRetries {
    if (unknownIdRetries < 0) {
      throw new IllegalArgumentException("unknown schema id retries must not be negative, got " + unknownIdRetries);
    }
    notNegative(unknownIdBackoff, "unknown schema id backoff");
    notNegative(unknownIdMemory, "unknown schema id memory");
    notNegative(outageTolerance, "registry outage tolerance");
    notNegative(outageBackoffMax, "registry outage backoff");
  }

  /**
   * 5 retries of an unknown id over 3.1 s (0.1 + 0.2 + 0.4 + 0.8 + 1.6 s), the verdict kept 1 min;
   * outages ridden out for 5 min with waits of at most 5 s.
   */
  public static RegistryRetries defaults() {
    return new RegistryRetries(5, Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(5));
  }

  public RegistryRetries withOutageTolerance(Duration tolerance) {
    return new RegistryRetries(unknownIdRetries, unknownIdBackoff, unknownIdMemory, tolerance, outageBackoffMax);
  }

  public RegistryRetries withUnknownIdRetries(int retries, Duration backoff, Duration memory) {
    return new RegistryRetries(retries, backoff, memory, outageTolerance, outageBackoffMax);
  }

  /** The wait before try {@code attempt + 1} (attempt 0 is the first try): {@code first} doubled per attempt, capped. */
  static Duration backoff(Duration first, int attempt, Duration cap) {
    long nanos = first.toNanos();
    for (int i = 0; i < attempt && nanos < cap.toNanos(); i++) {
      nanos *= 2;
    }
    return Duration.ofNanos(Math.min(nanos, cap.toNanos()));
  }

  /** A duration as people read it in a log line: {@code 300 ms}, {@code 3.1 s}, {@code 5 min}, {@code 2 min 30 s}. */
  static String describe(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return (millis % 1_000 == 0 ? Long.toString(millis / 1_000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1_000.0))
          + " s";
    }
    long seconds = duration.toSeconds();
    return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
  }

  private static void notNegative(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, got " + duration);
    }
  }
}
