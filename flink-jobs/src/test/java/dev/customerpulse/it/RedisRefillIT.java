package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.localstack.RedisServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis restarted empty while the job runs (restarts disabled) and no customer sends anything: every
 * profile, segment set and the ranking come back from the job's state, equal to before, within a
 * few refill-check intervals; `pulse redis rebuild` then writes them all again on demand and says how many.
 */
class RedisRefillIT extends OnTestStack {
  private static final int CUSTOMERS = 30;

  @Test
  @Timeout(120)
  void aRedisRestartedEmptyIsRefilledFromStateAndARebuildWritesEveryProfileAgain() throws Exception {
    try (RedisServer redis = RedisServer.start(Files.createTempDirectory("pulse-redis-refill-"))) {
      UnifiedJedis dedicated = RedisSettings.parse(redis.url()).connect();
      Configuration conf = it.jobConfiguration();
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
      conf.set(PulseOptions.REDIS_URL, redis.url());
      conf.set(PulseOptions.REDIS_REFILL_CHECK_INTERVAL, Duration.ofSeconds(1));
      JobClient job = JobLauncher.start(conf, "customer-pulse-redis-refill-it");
      Map<String, Integer> versions = new LinkedHashMap<>();
      for (int n = 0; n < 2; n++) {
        for (int c = 0; c < CUSTOMERS; c++) {
          OrderEvent order = paid("o-" + c + "-" + n, "c" + c, 1_000L + n * 60_000L + c, 20_000L * (c + 1));
          it.sendAsync(it.topics.orders(), order.getCustomerId(), order);
          versions.put("c" + c, n + 1);
        }
      }
      it.flush();
      RedisContents.awaitVersions(dedicated, it.redisPrefix, versions, 60);
      Map<String, Object> before = RedisContents.of(dedicated, it.redisPrefix);
      assertThat(before).containsKey(":profile:{c29}").containsKey(":segment:tier:vip").containsKey(":rank:churn-risk");

      redis.stop(false);
      redis.restart();
      dedicated.close();
      dedicated = RedisSettings.parse(redis.url()).connect();
      assertThat(dedicated.keys(it.redisPrefix + ":*")).as("restarted empty").isEmpty();
      RedisContents.awaitVersions(dedicated, it.redisPrefix, versions, 30);
      long deadline = System.currentTimeMillis() + 10_000;
      while (!RedisContents.of(dedicated, it.redisPrefix).equals(before) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(RedisContents.of(dedicated, it.redisPrefix)).isEqualTo(before);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

      dedicated.hset(it.redisPrefix + ":profile:{c3}", "spend_minor", "garbled");
      dedicated.srem(it.redisPrefix + ":segment:tier:vip", "c29");
      PulseCli.Result rebuild = PulseCli.run("redis", "rebuild", "--redis-url", redis.url(), "-D",
          "pulse.redis.key-prefix=" + it.redisPrefix, "--timeout", "30s");
      assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
      assertThat(rebuild.out()).matches("rebuilt Redis: 30 profiles written again by 2 instances of the job in \\d+\\.\\d s"
          + " \\(generation [0-9a-f-]{36}\\)\\n");
      assertThat(RedisContents.of(dedicated, it.redisPrefix)).isEqualTo(before);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      job.cancel().get();
      dedicated.close();
    }
  }
}
