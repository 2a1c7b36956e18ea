package dev.customerpulse.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.UnifiedJedis;

/** What a job keeps in Redis under a key prefix, for comparing two Redis field by field. */
final class RedisContents {
  private RedisContents() {}

  /**
   * Every profile hash, segment and consent set and the ranking, by key without the prefix; the
   * bookkeeping of refills ({@code {meta}}) left out.
   */
  static Map<String, Object> of(UnifiedJedis redis, String prefix) {
    Map<String, Object> all = new TreeMap<>();
    for (String key : redis.keys(prefix + ":*")) {
      String name = key.substring(prefix.length());
      if (name.startsWith(":{meta}:")) {
        continue;
      }
      String type = redis.type(key);
      all.put(name, switch (type) {
        case "hash" -> new TreeMap<>(redis.hgetAll(key));
        case "set" -> new TreeSet<>(redis.smembers(key));
        case "zset" -> redis.zrangeWithScores(key, 0, -1).toString();
        default -> type;
      });
    }
    return all;
  }

  /** Waits (up to {@code seconds}) until every customer's hash has version {@code version}. */
  static void awaitVersions(UnifiedJedis redis, String prefix, Map<String, Integer> versions, int seconds)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1_000L;
    for (var customer : versions.entrySet()) {
      String key = prefix + ":profile:{" + customer.getKey() + "}";
      while (!String.valueOf(customer.getValue()).equals(redis.hget(key, "v"))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError(customer.getKey() + " never reached version " + customer.getValue() + ": " + redis.hgetAll(key)
              + JobLiveness.busyJobThreads());
        }
        Thread.sleep(50);
      }
    }
  }
}
