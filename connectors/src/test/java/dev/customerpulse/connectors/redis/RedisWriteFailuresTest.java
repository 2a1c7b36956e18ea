package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.localstack.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/** A write that real Redis refuses for one key alone goes to the failed writes; the rest of the batch is written. */
@Timeout(60)
class RedisWriteFailuresTest {
  private final RedisSettings settings = RedisSettings.parse(LocalStack.shared().redisUrl());
  private final RedisKeys keys = new RedisKeys("f" + UUID.randomUUID().toString().substring(0, 8));
  private final RedisProfileWriterTest.RecordingMetrics metrics = new RedisProfileWriterTest.RecordingMetrics();
  private final List<String> failed = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private UnifiedJedis redis;
  private RedisProfileWriter<RefillProfile> writer;

  @BeforeEach
  void open() {
    redis = settings.connect();
    RedisFailedWrites.Handler<RefillProfile> handler = new RedisFailedWrites.Handler<>() {
      @Override
      public void failed(RefillProfile profile, String customerId, long version, String key, String error) {
        failed.add(customerId + " v" + version + " " + key + " " + error);
        events.add("failed " + customerId);
      }

      @Override
      public void flush() {
        events.add("flush");
      }

      @Override
      public void close() {}
    };
    writer = new RedisProfileWriter<>(settings, keys, new RedisSinkOptions(100, 60_000, java.time.Duration.ofSeconds(5), 100),
        new RefillProfile.Mapper(), new TestProcessingTimeService(), metrics, handler);
  }

  @AfterEach
  void close() throws Exception {
    writer.close();
    redis.close();
  }

  private static RefillProfile profile(String id, long version, String spend, double risk) {
    return new RefillProfile(id, version, List.of("tier:normal"), spend, risk, false);
  }

  @Test
  void aKeyHoldingAStringFailsThatCustomerAloneAndTheRestOfTheBatchIsWritten() throws Exception {
    redis.set(keys.profile("bob"), "someone wrote a string here");
    writer.write(profile("alice", 3, "1000", 0.25), null);
    writer.write(profile("bob", 7, "2000", 0.5), null);
    writer.write(profile("carol", 1, "3000", 0.75), null);
    writer.flush(false);

    assertThat(redis.hgetAll(keys.profile("alice"))).isEqualTo(Map.of("v", "3", "customer_id", "alice", "spend_minor", "1000",
        "segments", "tier:normal", "segments_synced", "tier:normal"));
    assertThat(redis.hgetAll(keys.profile("carol"))).isEqualTo(Map.of("v", "1", "customer_id", "carol", "spend_minor", "3000",
        "segments", "tier:normal", "segments_synced", "tier:normal"));
    assertThat(redis.get(keys.profile("bob"))).as("left as it was").isEqualTo("someone wrote a string here");
    assertThat(redis.smembers(keys.segment("tier:normal"))).containsExactlyInAnyOrder("alice", "carol");
    assertThat(redis.zrange(keys.churnRisk(), 0, -1)).containsExactly("alice", "carol");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0)).startsWith("bob v7 " + keys.profile("bob") + " ").contains("WRONGTYPE");
    assertThat(events).as("stored before the checkpoint completes").containsExactly("failed bob", "flush");
    assertThat(metrics.count("failedWrites")).isEqualTo(1);
    assertThat(metrics.count("profilesWritten")).isEqualTo(2);

    // Once the key is free again, the customer's next update is written as usual.
    redis.del(keys.profile("bob"));
    writer.write(profile("bob", 8, "2500", 0.5), null);
    writer.flush(false);
    assertThat(redis.hget(keys.profile("bob"), "spend_minor")).isEqualTo("2500");
    assertThat(failed).hasSize(1);
  }
}
