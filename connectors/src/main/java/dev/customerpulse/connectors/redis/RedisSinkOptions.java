package dev.customerpulse.connectors.redis;

import java.io.Serializable;
import java.time.Duration;

/**
 * Batching of the Redis writer, and how long it rides out an outage.
 *
 * @param maxBatch distinct customers buffered before a flush is forced
 * @param lingerMillis longest time an update waits in the buffer before a flush
 * @param outageTolerance how long a writer retries (with backoff) while Redis is unavailable before the
 *     task fails (writes are idempotent, so retrying a batch is safe; see {@link RedisOutage})
 * @param rememberedProfiles profiles a writer remembers so that the next write of the same customer
 *     sends only the fields that changed; 0 always writes profiles in full
 */
public record RedisSinkOptions(int maxBatch, long lingerMillis, Duration outageTolerance, int rememberedProfiles)
    implements Serializable {
  public RedisSinkOptions {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("Redis batch size must be at least 1, got " + maxBatch);
    }
    if (lingerMillis < 0) {
      throw new IllegalArgumentException("Redis linger must not be negative, got " + lingerMillis);
    }
    if (outageTolerance == null || outageTolerance.isNegative()) {
      throw new IllegalArgumentException("Redis outage tolerance must not be negative, got " + outageTolerance);
    }
    if (rememberedProfiles < 0) {
      throw new IllegalArgumentException("remembered profiles must not be negative, got " + rememberedProfiles);
    }
  }

  public static RedisSinkOptions defaults() {
    return new RedisSinkOptions(2_000, 100, Duration.ofMinutes(5), 50_000);
  }
}
