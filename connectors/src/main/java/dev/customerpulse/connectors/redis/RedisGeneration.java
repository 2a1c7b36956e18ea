package dev.customerpulse.connectors.redis;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The generation marker of a Redis and the bookkeeping of its refills ({@link RedisKeys#generation()}):
 * how the job notices a Redis that lost its data (restarted empty, flushed) and how a rebuild asks
 * for a refill. Opens its connection on first use and reconnects after an error; callers decide what
 * an error means. Not thread-safe.
 */
public final class RedisGeneration implements AutoCloseable {
  /** How long the per-refill reports are kept. */
  static final Duration REPORT_RETENTION = Duration.ofDays(1);

  private final RedisSettings settings;
  private final RedisKeys keys;
  private UnifiedJedis redis;

  /** What a look at the marker found: the token in Redis now, and whether this look wrote it (it was missing). */
  public record Marker(String token, boolean created) {}

  public RedisGeneration(RedisSettings settings, RedisKeys keys) {
    this.settings = settings;
    this.keys = keys;
  }

  /** Reads the marker, writing a new random token when there is none (SET NX: one writer wins). */
  public Marker observe() {
    return call(redis -> {
      String token = redis.get(keys.generation());
      if (token != null) {
        return new Marker(token, false);
      }
      String fresh = newToken();
      boolean created = "OK".equals(redis.set(keys.generation(), fresh, SetParams.setParams().nx()));
      return new Marker(created ? fresh : redis.get(keys.generation()), created);
    });
  }

  /** Replaces the marker with a new token, which makes every profile-operator subtask refill; returns it. */
  public String bump() {
    String fresh = newToken();
    call(redis -> redis.set(keys.generation(), fresh));
    return fresh;
  }

  /** Records that {@code subtask} of {@code parallelism} re-sent {@code profiles} profiles for the refill of {@code token}. */
  public void reportRefill(String token, int subtask, int parallelism, long profiles) {
    call(redis -> {
      redis.hset(keys.refillReport(token), Integer.toString(subtask), profiles + "/" + parallelism);
      return redis.expire(keys.refillReport(token), REPORT_RETENTION.toSeconds());
    });
  }

  /** The refill reports of {@code token}: subtask → {profiles re-sent, parallelism}. */
  public Map<Integer, long[]> refillReports(String token) {
    return call(redis -> {
      Map<Integer, long[]> reports = new TreeMap<>();
      redis.hgetAll(keys.refillReport(token)).forEach((subtask, value) -> {
        String[] parts = value.split("/", 2);
        reports.put(Integer.parseInt(subtask), new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
      });
      return reports;
    });
  }

  /** Refill writes the profile writers have settled so far (a counter that only grows; 0 when missing). */
  public long refilled() {
    return call(redis -> {
      String value = redis.get(keys.refilled());
      return value == null ? 0L : Long.parseLong(value);
    });
  }

  private <R> R call(java.util.function.Function<UnifiedJedis, R> action) {
    if (redis == null) {
      redis = settings.connect();
    }
    try {
      return action.apply(redis);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static String newToken() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() {
    if (redis != null) {
      try {
        redis.close();
      } catch (RuntimeException ignored) {
        // A broken connection; a new one is opened on the next call.
      }
      redis = null;
    }
  }
}
