package dev.customerpulse.connectors.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a Redis writer rides out an outage: after each failed attempt it waits with exponential
 * backoff ({@link #FIRST_BACKOFF_MILLIS}, doubling, capped at {@link #MAX_BACKOFF_MILLIS}) and tries
 * again, until Redis has been unavailable for longer than the tolerance; then the attempt fails with
 * one line. While it waits, the writer does not take more work (the task is back-pressured), so
 * nothing piles up in memory. A WARN line at the first failure and at most once a minute after it;
 * one INFO line when Redis is back. Plain Java with an injectable clock and sleeper, so the policy is
 * tested without waiting. Used by one thread at a time; the gauges may be read from any.
 */
public final class RedisOutage {
  private static final Logger LOG = LoggerFactory.getLogger(RedisOutage.class);
  static final long FIRST_BACKOFF_MILLIS = 100;
  static final long MAX_BACKOFF_MILLIS = 5_000;
  static final long LOG_EVERY_MILLIS = 60_000;

  /** Where the log lines go; the class's logger in production. */
  interface Lines {
    void warn(String line);

    void info(String line);
  }

  /** Waits between attempts; {@link Thread#sleep} in production. */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final String what;
  private final String redis;
  private final long toleranceMillis;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private final Lines log;
  /** Clock time of the first failure of the current outage; -1 while Redis answers. */
  private volatile long unavailableSince = -1;
  private volatile long retries;
  private long nextBackoff = FIRST_BACKOFF_MILLIS;
  private long lastLoggedAt;

  /**
   * @param what the writer, for the log lines, e.g. "profile writer"
   * @param redis where Redis is, without credentials
   */
  public RedisOutage(String what, String redis, Duration tolerance) {
    this(what, redis, tolerance, System::currentTimeMillis, Thread::sleep, new Lines() {
      @Override
      public void warn(String line) {
        LOG.warn(line);
      }

      @Override
      public void info(String line) {
        LOG.info(line);
      }
    });
  }

  RedisOutage(String what, String redis, Duration tolerance, LongSupplier clock, Sleeper sleeper, Lines log) {
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("the Redis outage tolerance must not be negative, got " + tolerance);
    }
    this.what = what;
    this.redis = redis;
    this.toleranceMillis = tolerance.toMillis();
    this.clock = clock;
    this.sleeper = sleeper;
    this.log = log;
  }

  /**
   * An attempt failed with an outage ({@link RedisFailures#outage}): waits the next backoff, or
   * throws when Redis has been unavailable for longer than the tolerance (the task then fails).
   */
  public void failed(RuntimeException e) throws IOException, InterruptedException {
    long now = clock.getAsLong();
    String kind = RedisFailures.outageKind(e);
    if (unavailableSince < 0) {
      unavailableSince = now;
      nextBackoff = FIRST_BACKOFF_MILLIS;
      lastLoggedAt = now;
      log.warn("Redis at " + redis + " is unavailable to the " + what + " (" + kind + ": " + e.getMessage()
          + "); retrying with backoff for up to " + toleranceMillis / 1000 + " s (pulse.redis.outage-tolerance) while the job"
          + " is back-pressured");
    }
    long down = now - unavailableSince;
    if (down >= toleranceMillis) {
      throw new IOException("Redis at " + redis + " has been unavailable for " + down / 1000 + " s, longer than"
          + " pulse.redis.outage-tolerance (" + toleranceMillis / 1000 + " s); last error (" + kind + "): " + e.getMessage(), e);
    }
    if (now - lastLoggedAt >= LOG_EVERY_MILLIS) {
      lastLoggedAt = now;
      log.warn("Redis at " + redis + " still unavailable to the " + what + " after " + down / 1000 + " s and " + retries
          + " retries (" + kind + ": " + e.getMessage() + "); giving up after " + toleranceMillis / 1000 + " s");
    }
    long wait = Math.min(nextBackoff, Math.max(1, toleranceMillis - down));
    nextBackoff = Math.min(MAX_BACKOFF_MILLIS, nextBackoff * 2);
    retries++;
    sleeper.sleep(wait);
  }

  /** An attempt succeeded: an outage, if there was one, is over. */
  public void succeeded() {
    if (unavailableSince >= 0) {
      log.info("Redis at " + redis + " is back for the " + what + " after " + (clock.getAsLong() - unavailableSince) / 1000
          + " s of outage and " + retries + " retries");
      unavailableSince = -1;
    }
  }

  /** Seconds Redis has been unavailable in the current outage; 0 while it answers (the redisUnavailableSeconds gauge). */
  public long unavailableSeconds() {
    long since = unavailableSince;
    return since < 0 ? 0 : (clock.getAsLong() - since) / 1000;
  }

  /** Attempts retried after an outage error, since this writer started (the redisRetries gauge). */
  public long retries() {
    return retries;
  }
}
