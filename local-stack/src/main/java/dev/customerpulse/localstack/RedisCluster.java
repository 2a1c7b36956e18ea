package dev.customerpulse.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A real three-node Redis Cluster on loopback ports: three primaries (no replicas), the 16,384
 * slots split evenly, formed with CLUSTER ADDSLOTS and CLUSTER MEET as redis-cli would.
 */
public final class RedisCluster implements AutoCloseable {
  static final int SLOTS = 16_384;

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  public static RedisCluster start(Path dir, int size) {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        nodes.add(RedisServer.start(dir.resolve("node-" + i), List.of("--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000")));
      }
      RedisCluster cluster = new RedisCluster(nodes);
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      nodes.forEach(RedisServer::close);
      throw e;
    }
  }

  private void form() {
    int size = nodes.size();
    for (int i = 0; i < size; i++) {
      try (Jedis node = connect(nodes.get(i))) {
        int from = SLOTS * i / size;
        int to = SLOTS * (i + 1) / size;
        int[] slots = new int[to - from];
        for (int slot = from; slot < to; slot++) {
          slots[slot - from] = slot;
        }
        node.clusterAddSlots(slots);
        if (i > 0) {
          node.clusterMeet("127.0.0.1", nodes.get(0).port());
        }
      }
    }
    awaitReady();
  }

  /** Every node sees all nodes and all slots served. */
  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      boolean ready = true;
      for (RedisServer server : nodes) {
        try (Jedis node = connect(server)) {
          String info = node.clusterInfo();
          ready &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + nodes.size());
        }
      }
      if (ready) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("the Redis Cluster did not form within 30 s");
  }

  private static Jedis connect(RedisServer server) {
    return new Jedis("127.0.0.1", server.port());
  }

  /** The seed-node URL listing every node: {@code redis://127.0.0.1:p1,127.0.0.1:p2,...}. */
  public String url() {
    return "redis://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /** The nodes' ports, in the order of their slot ranges. */
  public List<Integer> ports() {
    return nodes.stream().map(RedisServer::port).toList();
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
