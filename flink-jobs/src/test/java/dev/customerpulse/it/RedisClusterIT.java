package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.Preflight;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.localstack.RedisCluster;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The whole job serving a real three-node Redis Cluster, and the CLI reading it back. */
class RedisClusterIT extends OnTestStack {
  private static final int CUSTOMERS = 40;
  private static RedisCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisCluster.start(Files.createTempDirectory("pulse-redis-cluster"), 3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void profilesSegmentsAndTheRankingAreServedFromTheCluster() throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.REDIS_URL, cluster.url());
    conf.set(PulseOptions.REDIS_CLUSTER, true);
    JobClient job = JobLauncher.start(conf, "customer-pulse-cluster-it");
    for (int i = 0; i < CUSTOMERS; i++) {
      it.sendAsync(it.topics.orders(), "c" + i, paid("o" + i, "c" + i, 1_000 + i, (i + 1) * 1_000L));
    }
    it.flush();

    RedisSettings settings = RedisSettings.parse(cluster.url()).withCluster(true);
    Map<String, Long> tiers = new TreeMap<>();
    try (UnifiedJedis redis = settings.connect()) {
      for (int i = 0; i < CUSTOMERS; i++) {
        String key = it.key("profile:{c" + i + "}");
        awaitField(redis, key, "v", "1");
        // The segment sets follow the hash in a second round trip, which then marks them synced.
        awaitField(redis, key, "segments_synced", redis.hget(key, "segments"));
        Map<String, String> profile = redis.hgetAll(key);
        assertThat(profile).containsEntry("orders", "1").containsEntry("spend_minor", Long.toString((i + 1) * 1_000L))
            .containsEntry("lifecycle_stage", "new");
        tiers.merge("tier:" + profile.get("value_tier"), 1L, Long::sum);
      }
      it.stopWithSavepoint(job);
      assertThat(redis.zcard(it.key("rank:churn-risk"))).isEqualTo(CUSTOMERS);
      assertThat(redis.scard(it.key("segment:lifecycle:new"))).isEqualTo(CUSTOMERS);
    }

    PulseCli.Result segments = PulseCli.run("segments", "--redis-url", cluster.url(), "-D", "pulse.redis.cluster=true",
        "-D", "pulse.redis.key-prefix=" + it.redisPrefix);
    assertThat(segments.exitCode()).as(segments.err()).isZero();
    assertThat(segments.out()).containsPattern("(?m)^lifecycle:new +" + CUSTOMERS + "$");
    tiers.forEach((tier, count) -> assertThat(segments.out()).containsPattern("(?m)^" + tier + " +" + count + "$"));

    PulseCli.Result profile = PulseCli.run("profile", "c39", "--redis-url", cluster.url(), "-D", "pulse.redis.cluster=true",
        "-D", "pulse.redis.key-prefix=" + it.redisPrefix);
    assertThat(profile.exitCode()).as(profile.err()).isZero();
    assertThat(profile.out()).contains("spend_minor                40000").contains("of " + CUSTOMERS + " customers by churn risk");
  }

  @Test
  void aClusterNodeGivenAsAStandaloneServerIsExplainedInOneLine() {
    String oneNode = "redis://127.0.0.1:" + cluster.ports().get(0);
    assertThatThrownBy(() -> Preflight.checkRedis(RedisSettings.parse(oneNode)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Redis at " + oneNode.replace("redis://", "redis://") + " is a Redis Cluster node; set pulse.redis.cluster=true");
    Preflight.checkRedis(RedisSettings.parse(oneNode).withCluster(true));
    assertThatThrownBy(() -> Preflight.checkRedis(RedisSettings.parse(it.stack.redisUrl()).withCluster(true)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cannot reach Redis at " + it.stack.redisUrl() + " (cluster)")
        .hasMessageEndingWith("check pulse.redis.url and pulse.redis.cluster");
  }

  private static void awaitField(UnifiedJedis redis, String key, String field, String value) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!value.equals(redis.hget(key, field))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(key + " never had " + field + "=" + value + " in the cluster");
      }
      Thread.sleep(50);
    }
  }
}
