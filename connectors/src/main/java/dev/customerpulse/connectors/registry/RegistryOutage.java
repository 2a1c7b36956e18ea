package dev.customerpulse.connectors.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One registry client's outage: since when the registry has been unreachable, how long to wait
 * before the next try, and when to give up. The task threads sharing the client share it, so the
 * tolerance is counted from the outage's first failure, whichever thread met it, and the warning is
 * logged at most once per {@link #WARN_EVERY} however many threads wait.
 */
final class RegistryOutage {
  /** Least time between two warnings about an outage. */
  static final Duration WARN_EVERY = Duration.ofMinutes(1);
  private static final long NONE = Long.MIN_VALUE;

  private final String url;
  private final RegistryRetries retries;
  private final RegistryClock clock;
  private final Consumer<String> warnings;
  private final AtomicLong failedTries = new AtomicLong();
  private long since = NONE;
  private long lastWarned = NONE;
  private String lastFailure;

  /**
   * @param warnings where the warning lines go (the client's log)
   */
  RegistryOutage(String url, RegistryRetries retries, RegistryClock clock, Consumer<String> warnings) {
    this.url = url;
    this.retries = retries;
    this.clock = clock;
    this.warnings = warnings;
  }

  /**
   * After a failed try that a later try may fix: the wait before trying again.
   *
   * @param attempt how many tries of this request failed before this one (0 after its first)
   * @throws SchemaRegistryUnavailableException when the registry has been unreachable for the whole tolerance
   */
  synchronized Duration afterFailure(Exception failure, int attempt) throws SchemaRegistryUnavailableException {
    long now = clock.nanoTime();
    if (since == NONE) {
      since = now;
    }
    lastFailure = describe(failure);
    failedTries.incrementAndGet();
    Duration down = Duration.ofNanos(now - since);
    if (down.compareTo(retries.outageTolerance()) >= 0) {
      throw new SchemaRegistryUnavailableException("schema registry at " + url + " has been unreachable for "
          + RegistryRetries.describe(down) + " (" + lastFailure + "), the outage tolerance is "
          + RegistryRetries.describe(retries.outageTolerance()) + "; is it running, and is the registry URL right?", failure);
    }
    if (lastWarned == NONE || now - lastWarned >= WARN_EVERY.toNanos()) {
      lastWarned = now;
      warnings.accept("schema registry at " + url + " is unreachable (" + lastFailure + "), for "
          + RegistryRetries.describe(down) + " so far; records that need a schema not fetched yet wait for it, up to "
          + RegistryRetries.describe(retries.outageTolerance()) + " in all");
    }
    Duration backoff = RegistryRetries.backoff(RegistryRetries.FIRST_OUTAGE_BACKOFF, attempt, retries.outageBackoffMax());
    Duration left = retries.outageTolerance().minus(down);
    return backoff.compareTo(left) < 0 ? backoff : left;
  }

  /** A try reached the registry: any outage is over. Returns how long it lasted, or null when there was none. */
  synchronized Duration reached() {
    if (since == NONE) {
      return null;
    }
    Duration lasted = Duration.ofNanos(clock.nanoTime() - since);
    since = NONE;
    return lasted;
  }

  /** Whole seconds since the outage began, 0 while the registry is reachable. */
  synchronized long unavailableSeconds() {
    return since == NONE ? 0 : Duration.ofNanos(clock.nanoTime() - since).toSeconds();
  }

  /** Tries that failed with an outage error, over the client's life. */
  long failedTries() {
    return failedTries.get();
  }

  /** The failure of a request the registry answered with an HTTP 5xx. */
  static IOException serverError(int status) {
    return new ServerError(status);
  }

  static String describe(Exception failure) {
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    if (failure instanceof ServerError) {
      return failure.getMessage();
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static final class ServerError extends IOException {
    ServerError(int status) {
      super("HTTP " + status);
    }
  }
}
