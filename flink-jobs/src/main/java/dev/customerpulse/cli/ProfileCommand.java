package dev.customerpulse.cli;

import dev.customerpulse.connectors.redis.RedisKeys;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Shows one customer's live profile as marketing automation reads it from Redis: every field, the"
        + " segments, and why the churn risk is what it is.")
final class ProfileCommand implements Callable<Integer> {
  private static final Set<String> TIMESTAMPS = Set.of("first_seen", "last_seen", "scored_at", "signed_up_at");

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "The customer id.")
  String customerId;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Configuration conf = connection.configuration();
    PrintWriter out = spec.commandLine().getOut();
    RedisKeys keys = ConnectionOptions.redisKeys(conf);
    String key = keys.profile(customerId);
    Stored stored = ConnectionOptions.readRedis(conf, (jedis, k) -> new Stored(jedis.hgetAll(key),
        jedis.zrevrank(k.churnRisk(), customerId), jedis.zcard(k.churnRisk())));
    Map<String, String> profile = stored.profile();
    Long rank = stored.rank();
    long ranked = stored.ranked();
    if (profile.isEmpty()) {
      out.println("No profile for '" + customerId + "' at " + key + " in " + ConnectionOptions.redis(conf).displayUrl());
      return 1;
    }
    out.println(key + "  (HASH, contract v" + RedisKeys.CONTRACT_VERSION + ")");
    for (Map.Entry<String, String> field : new TreeMap<>(profile).entrySet()) {
      String value = field.getValue();
      if (TIMESTAMPS.contains(field.getKey()) && value.matches("-?\\d+")) {
        value = value + "  (" + Instant.ofEpochMilli(Long.parseLong(value)) + ")";
      }
      out.printf("  %-26s %s%n", field.getKey(), value);
    }
    String segments = profile.getOrDefault("segments", "");
    if (!segments.isEmpty()) {
      out.println("member of:");
      for (String segment : segments.split(",")) {
        out.println("  " + keys.segment(segment));
      }
    }
    out.println("churn risk " + profile.getOrDefault("churn_risk", "?")
        + (rank == null ? "" : String.format(Locale.ROOT, ", rank %,d of %,d customers by churn risk", rank + 1, ranked)));
    String reasons = profile.getOrDefault("churn_reasons", "");
    if (reasons.isEmpty()) {
      out.println("  no feature raises it above the model's intercept");
    } else {
      out.println("  because (contributions to the log-odds, largest first):");
      for (String reason : reasons.split(",")) {
        int colon = reason.lastIndexOf(':');
        out.printf("    %-20s %s%n", reason.substring(0, colon), reason.substring(colon + 1));
      }
    }
    return 0;
  }

  /** The profile hash, the customer's rank by churn risk (null when not ranked) and how many are ranked. */
  private record Stored(Map<String, String> profile, Long rank, long ranked) {}
}
