package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.connectors.redis.RedisProfileWriterTest.RecordingMetrics;
import dev.customerpulse.connectors.redis.RedisProfileWriterTest.TestMapper;
import dev.customerpulse.connectors.redis.RedisProfileWriterTest.TestProfile;
import dev.customerpulse.localstack.RedisCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis writers against a real three-node Redis Cluster on loopback ports: every key reaches its
 * slot's node, scripts run wherever the key lives, and writes stay idempotent.
 */
class RedisClusterTest {
  private static final int CUSTOMERS = 300;
  private static RedisCluster cluster;
  private static RedisSettings settings;

  private final TestProcessingTimeService time = new TestProcessingTimeService();

  @BeforeAll
  static void start() throws Exception {
    cluster = RedisCluster.start(Files.createTempDirectory("redis-cluster"), 3);
    settings = RedisSettings.parse(cluster.url()).withCluster(true);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private RedisProfileWriter<TestProfile> writer(RedisKeys keys) {
    return writer(keys, new RecordingMetrics());
  }

  private RedisProfileWriter<TestProfile> writer(RedisKeys keys, RecordingMetrics metrics) {
    return new RedisProfileWriter<>(settings, keys, new RedisSinkOptions(100, 50, java.time.Duration.ofSeconds(10), 1_000), new TestMapper(), time, metrics);
  }

  private static TestProfile customer(int i, long version, String spend) {
    String tier = i % 10 == 0 ? "tier:vip" : "tier:new";
    return new TestProfile("c" + i, version, List.of(tier, "lifecycle:active"),
        Map.of("spend_minor", spend, "risk", Double.toString(i / 1000.0)), 1);
  }

  @Test
  void profilesSegmentSetsAndTheRankingLandOnEveryNodeExactly() throws Exception {
    RedisKeys keys = new RedisKeys("pc");
    RedisProfileWriter<TestProfile> writer = writer(keys);
    for (int i = 0; i < CUSTOMERS; i++) {
      writer.write(customer(i, 1, Integer.toString(i * 100)), null);
    }
    writer.flush(false);

    try (UnifiedJedis redis = settings.connect()) {
      for (int i = 0; i < CUSTOMERS; i++) {
        String tier = i % 10 == 0 ? "tier:vip" : "tier:new";
        assertThat(redis.hgetAll(keys.profile("c" + i))).isEqualTo(Map.of("v", "1", "customer_id", "c" + i,
            "spend_minor", Integer.toString(i * 100), "segments", tier + ",lifecycle:active",
            "segments_synced", tier + ",lifecycle:active"));
      }
      assertThat(redis.scard(keys.segment("tier:vip"))).isEqualTo(30);
      assertThat(redis.scard(keys.segment("tier:new"))).isEqualTo(270);
      assertThat(redis.scard(keys.segment("lifecycle:active"))).isEqualTo(CUSTOMERS);
      assertThat(redis.zrevrange(keys.churnRisk(), 0, 2)).containsExactly("c299", "c298", "c297");
      assertThat(redis.zcard(keys.churnRisk())).isEqualTo(CUSTOMERS);
      assertThat(RedisNodes.scan(redis, keys.segment("") + "*", "set"))
          .containsExactly(keys.segment("lifecycle:active"), keys.segment("tier:new"), keys.segment("tier:vip"));
    }
    assertThat(profileKeysPerNode(keys)).as("profiles spread over all three primaries").hasSize(3)
        .allSatisfy((port, count) -> assertThat(count).isGreaterThan(CUSTOMERS / 5));
    assertThat(profileKeysPerNode(keys).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CUSTOMERS);

    // A replay after a restart (a new writer, same versions) changes nothing; newer versions apply.
    RecordingMetrics replayMetrics = new RecordingMetrics();
    RedisProfileWriter<TestProfile> replay = writer(keys, replayMetrics);
    for (int i = 0; i < CUSTOMERS; i++) {
      replay.write(customer(i, 1, "999999"), null);
    }
    replay.write(customer(7, 2, "7007"), null);
    replay.write(new TestProfile("c10", 2, List.of(), Map.of(), 0, true), null);
    replay.flush(false);
    try (UnifiedJedis redis = settings.connect()) {
      assertThat(redis.hget(keys.profile("c8"), "spend_minor")).isEqualTo("800");
      assertThat(redis.hget(keys.profile("c7"), "spend_minor")).isEqualTo("7007");
      assertThat(redis.exists(keys.profile("c10"))).isFalse();
      assertThat(redis.sismember(keys.segment("tier:vip"), "c10")).isFalse();
      assertThat(redis.scard(keys.segment("tier:vip"))).isEqualTo(29);
      assertThat(redis.zscore(keys.churnRisk(), "c10")).isNull();
    }
    // Batches of 100: c7's and c10's replayed version 1 went out (refused) before their version 2.
    assertThat(replayMetrics.count("staleWritesRefused")).isEqualTo(CUSTOMERS);
    assertThat(replayMetrics.count("profilesWritten")).isEqualTo(2);
    writer.close();
    replay.close();
  }

  @Test
  void aNodeThatForgotTheScriptsGetsThemAgain() throws Exception {
    RedisKeys keys = new RedisKeys("ns");
    RedisProfileWriter<TestProfile> writer = writer(keys);
    for (int i = 0; i < 30; i++) {
      writer.write(customer(i, 1, "1"), null);
    }
    writer.flush(false);
    // As after a failover to a fresh replica: the writer's cached SHAs are unknown to every node.
    try (UnifiedJedis redis = settings.connect()) {
      RedisNodes.forEach(redis, Jedis::scriptFlush);
    }
    for (int i = 0; i < 30; i++) {
      writer.write(customer(i, 2, "2"), null);
    }
    writer.flush(false);
    try (UnifiedJedis redis = settings.connect()) {
      for (int i = 0; i < 30; i++) {
        assertThat(redis.hmget(keys.profile("c" + i), "v", "spend_minor")).containsExactly("2", "2");
      }
    }
    writer.close();
  }

  @Test
  void churnAlertsAppendToTheStreamOnceAcrossAReplay() throws Exception {
    RedisKeys keys = new RedisKeys("st");
    assertThat(JedisClusterCRC16.getSlot(keys.churnAlerts())).as("stream and id set share a slot")
        .isEqualTo(JedisClusterCRC16.getSlot(keys.churnAlertIds()));
    SimpleCounter appended = new SimpleCounter();
    for (int run = 0; run < 2; run++) {
      var sink = new RedisStreamSink<>(settings, keys.churnAlerts(), keys.churnAlertIds(), 1_000, Duration.ofDays(30), Duration.ofSeconds(10),
          new RedisStreamSinkTest.AlertMapper()).writer(appended);
      sink.write(new RedisStreamSinkTest.Alert("ann/3", 10, "ann"), null);
      sink.write(new RedisStreamSinkTest.Alert("bob/7", 11, "bob"), null);
      sink.flush(false);
      sink.close();
    }
    assertThat(appended.getCount()).isEqualTo(2);
    try (UnifiedJedis redis = settings.connect()) {
      assertThat(redis.xrange(keys.churnAlerts(), (StreamEntryID) null, (StreamEntryID) null))
          .extracting(e -> e.getFields().get("alert_id")).containsExactly("ann/3", "bob/7");
    }
  }

  /** Profile keys of this prefix on each node, by port (each node answers for its own keys only). */
  private Map<Integer, Integer> profileKeysPerNode(RedisKeys keys) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int port : cluster.ports()) {
      try (Jedis node = new Jedis("127.0.0.1", port)) {
        List<String> found = new ArrayList<>(node.keys(keys.prefix() + ":profile:*"));
        if (!found.isEmpty()) {
          counts.put(port, found.size());
        }
      }
    }
    return counts;
  }

  @Test
  void aCustomersKeysShareOneSlot() {
    RedisKeys keys = new RedisKeys("cp");
    assertThat(JedisClusterCRC16.getSlot(keys.profile("alice"))).isEqualTo(JedisClusterCRC16.getSlot("alice"));
  }
}
