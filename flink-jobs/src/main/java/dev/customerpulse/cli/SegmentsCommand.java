package dev.customerpulse.cli;

import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.redis.RedisNodes;
import dev.customerpulse.job.ConfigException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

@Command(name = "segments", mixinStandardHelpOptions = true,
    description = {"Lists the segments in Redis with their sizes, or one segment's members.", "",
        "Without SEGMENT: every segment set (tier:*, lifecycle:*, rfm:*, rule:*) and its number of members, by name.",
        "With SEGMENT (e.g. lifecycle:at_risk): its size and up to --limit members, sorted (of segments over",
        "100,000 members, the first a scan returns)."})
final class SegmentsCommand implements Callable<Integer> {
  /** Up to this size a segment's members are all read and sorted; larger ones are sampled by a scan. */
  static final long ALL_MEMBERS = 100_000;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SEGMENT", description = "A segment, e.g. tier:vip.")
  String segment;

  @Option(names = "--limit", defaultValue = "50", description = "Most members to list (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new ConfigException("--limit must be zero or more, got " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    return ConnectionOptions.readRedis(connection.configuration(),
        (jedis, keys) -> segment == null ? list(jedis, keys, out) : members(jedis, keys, out));
  }

  private int list(UnifiedJedis jedis, RedisKeys keys, PrintWriter out) {
    String prefix = keys.segment("");
    TreeMap<String, Long> sizes = new TreeMap<>();
    // From every node of a cluster: each segment set lives on its own slot's node.
    for (String key : RedisNodes.scan(jedis, prefix + "*", "set")) {
      sizes.put(key.substring(prefix.length()), 0L);
    }
    if (sizes.isEmpty()) {
      out.println("No segments under " + prefix + "* (nothing written yet, or another pulse.redis.key-prefix)");
      return 1;
    }
    sizes.replaceAll((name, zero) -> jedis.scard(keys.segment(name)));
    int width = sizes.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (var entry : sizes.entrySet()) {
      out.printf(Locale.ROOT, "%-" + width + "s  %,d%n", entry.getKey(), entry.getValue());
    }
    return 0;
  }

  private int members(UnifiedJedis jedis, RedisKeys keys, PrintWriter out) {
    String key = keys.segment(segment);
    long size = jedis.scard(key);
    out.printf(Locale.ROOT, "%s  %,d members%n", key, size);
    if (size == 0) {
      return 1;
    }
    List<String> members = new ArrayList<>();
    if (size <= ALL_MEMBERS) {
      members.addAll(jedis.smembers(key));
    } else {
      // Too many to sort them all: the first members a scan returns, sorted.
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams count = new ScanParams().count(1_000);
      do {
        ScanResult<String> page = jedis.sscan(key, cursor, count);
        members.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && members.size() < limit);
    }
    members.sort(null);
    members.stream().limit(limit).forEach(member -> out.println("  " + member));
    if (size > limit) {
      out.printf(Locale.ROOT, "  ... %,d more (--limit)%n", size - limit);
    }
    return 0;
  }
}
