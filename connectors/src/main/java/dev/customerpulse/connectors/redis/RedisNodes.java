package dev.customerpulse.connectors.redis;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What has to reach every server of a Redis Cluster rather than one key's node: script loading (a
 * script's SHA is known only to the servers it was loaded into) and key scans. On a standalone
 * server, the one server.
 */
public final class RedisNodes {
  private RedisNodes() {}

  /** Runs {@code action} on a connection to each known server (for a cluster: primaries and replicas). */
  public static void forEach(UnifiedJedis redis, Consumer<Jedis> action) {
    if (redis instanceof RedisClusterClient cluster) {
      for (ConnectionPool pool : cluster.getClusterNodes().values()) {
        try (Jedis node = new Jedis(pool.getResource())) {
          action.accept(node);
        }
      }
    } else if (redis instanceof RedisClient client) {
      try (Jedis node = new Jedis(client.getPool().getResource())) {
        action.accept(node);
      }
    } else {
      throw new IllegalArgumentException("unsupported Redis client " + redis.getClass().getName());
    }
  }

  /** Loads a Lua script into every server, so EVALSHA finds it whichever node a key lives on; returns its SHA. */
  public static String loadScript(UnifiedJedis redis, String script) {
    String[] sha = new String[1];
    forEach(redis, node -> sha[0] = node.scriptLoad(script));
    return sha[0];
  }

  /** Every key matching {@code pattern} of the given type, from all servers, sorted and without repeats. */
  public static Set<String> scan(UnifiedJedis redis, String pattern, String type) {
    Set<String> keys = new TreeSet<>();
    ScanParams match = new ScanParams().match(pattern).count(1_000);
    forEach(redis, node -> {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = node.scan(cursor, match, type);
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    });
    return keys;
  }
}
