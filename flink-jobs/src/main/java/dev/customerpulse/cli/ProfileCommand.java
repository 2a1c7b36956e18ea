package dev.customerpulse.cli;

import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Preflight;
import dev.customerpulse.job.PulseOptions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import redis.clients.jedis.Jedis;

@Command(name = "profile", mixinStandardHelpOptions = true, description = "Shows one customer's live profile as marketing automation reads it from Redis.")
final class ProfileCommand implements Callable<Integer> {
  private static final Set<String> TIMESTAMPS = Set.of("first_seen", "last_seen", "scored_at", "signed_up_at");

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "The customer id.")
  String customerId;

  @Mixin
  ConnectionOptions connection;

  @Override
  public Integer call() {
    Configuration conf = connection.configuration();
    RedisSettings redis = ConnectionOptions.redis(conf);
    RedisKeys keys = new RedisKeys(conf.get(PulseOptions.REDIS_KEY_PREFIX));
    String key = keys.profile(customerId);
    Map<String, String> profile;
    try (Jedis jedis = redis.connect()) {
      profile = jedis.hgetAll(key);
    } catch (RuntimeException e) {
      throw new ConfigException("cannot read Redis at " + redis.displayUrl() + ": " + Preflight.rootMessage(e));
    }
    if (profile.isEmpty()) {
      System.out.println("No profile for '" + customerId + "' at " + key + " in " + redis.displayUrl());
      return 1;
    }
    System.out.println(key + "  (HASH, contract v" + RedisKeys.CONTRACT_VERSION + ")");
    for (Map.Entry<String, String> field : new TreeMap<>(profile).entrySet()) {
      String value = field.getValue();
      if (TIMESTAMPS.contains(field.getKey()) && value.matches("-?\\d+")) {
        value = value + "  (" + Instant.ofEpochMilli(Long.parseLong(value)) + ")";
      }
      System.out.printf("  %-16s %s%n", field.getKey(), value);
    }
    String segments = profile.getOrDefault("segments", "");
    if (!segments.isEmpty()) {
      System.out.println("member of:");
      for (String segment : segments.split(",")) {
        System.out.println("  " + keys.segment(segment));
      }
    }
    return 0;
  }
}
